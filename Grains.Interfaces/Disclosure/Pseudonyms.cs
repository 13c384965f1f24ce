using System.Security.Cryptography;
using System.Text;
using Rds.Attributes;

namespace Rds.Disclosure;

/// <summary>
/// Keyed pseudonyms: HMAC-SHA-256 under the case's key of the value's class and normalised form, so the same value
/// gets the same pseudonym throughout one case (pivots work inside it) and an unrelated one in any other case or for
/// any other requestor. Without the key nobody can test a guess against a pseudonym, unlike a plain hash.
/// </summary>
public static class Pseudonyms
{
    private const int TokenBytes = 16;
    public const string EmailDomain = "pseudonym.invalid";

    /// <summary>The pseudonym of <paramref name="value"/> as element <paramref name="element"/>; emails keep the shape of an email.</summary>
    public static string Of(PseudonymKey key, DataElement element, string value)
    {
        var (kind, normalized) = Normalize(element, value);
        var token = $"ps{key.Version}-{Convert.ToHexStringLower(HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes($"{kind}\n{normalized}")).AsSpan(0, TokenBytes))}";
        return kind == "email" ? $"{token}@{EmailDomain}" : token;
    }

    /// <summary>The pseudonym of an attribute value, as <see cref="Of"/> gives it for the element the kind is made of.</summary>
    public static string? Of(PseudonymKey key, AttributeValue value) => DisclosureRequest.ElementOf(value.Kind) is { } element ? Of(key, element, value.Value) : null;

    public static bool LooksLikePseudonym(string text) => text.StartsWith("ps", StringComparison.Ordinal) && text.Contains('-') && text.Length >= 8
        && (text.EndsWith("@" + EmailDomain, StringComparison.OrdinalIgnoreCase) || !text.Contains('@'));

    // One class per kind of value, shared across roles: the same address as registrant and as tech contact is one pseudonym.
    private static (string Kind, string Normalized) Normalize(DataElement element, string value)
    {
        if (DisclosureRequest.KindOf(element) is { } kind && AttributeNormalizer.TryNormalize(kind, value, out var normalized, out _))
        {
            var family = kind switch
            {
                AttributeKind.RegistrantEmail or AttributeKind.TechEmail => "email",
                AttributeKind.RegistryRegistrantId or AttributeKind.TechId => "handle",
                _ => "phone",
            };
            return (family, normalized.Value);
        }
        return (element.ToString(), string.Join(' ', value.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }
}
