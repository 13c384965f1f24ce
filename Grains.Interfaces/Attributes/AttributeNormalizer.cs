using System.Globalization;
using System.Net;
using System.Text;
using Rds.Registrations;

namespace Rds.Attributes;

/// <summary>
/// One normalisation per attribute kind, so that the same value written differently meets the same index entry:
/// <list type="bullet">
/// <item>nameserver name: the domain-name normaliser (lower-case A-label, no trailing dot);</item>
/// <item>nameserver IP: canonical text (dotted quad; RFC 5952 for IPv6);</item>
/// <item>email: domain part as a lower-case A-label; the local part lower-cased too. RFC 5321 lets a mailbox be
/// case-sensitive, but no mainstream provider treats it so and abuse campaigns vary case to dodge exact matching,
/// so recall wins; dots and "+tags" are kept, as their meaning is provider-specific;</item>
/// <item>organisation: Unicode NFKC, case-folded, white space collapsed;</item>
/// <item>phone: digits with the leading "+", separators dropped; an extension is not part of it;</item>
/// <item>registry IDs (ROIDs): trimmed, otherwise exact.</item>
/// </list>
/// The raw value is never needed to find an entry; it is kept beside it for display.
/// </summary>
public static class AttributeNormalizer
{
    private const int MaxLength = 320;

    public static bool TryNormalize(AttributeKind kind, string? raw, out AttributeValue value, out string? error)
    {
        value = default;
        error = null;
        var trimmed = raw?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "The value is empty.";
            return false;
        }
        if (trimmed.Length > MaxLength || trimmed.Any(c => char.IsControl(c) && !char.IsWhiteSpace(c)))
        {
            error = $"The value is longer than {MaxLength} characters or contains a control character.";
            return false;
        }
        var normalized = kind switch
        {
            AttributeKind.NameserverName => DomainNames.Normalize(trimmed).ALabel,
            AttributeKind.NameserverIp => CanonicalAddress(trimmed),
            AttributeKind.RegistrantEmail or AttributeKind.TechEmail => Email(trimmed),
            AttributeKind.RegistrantOrganization => Organization(trimmed),
            AttributeKind.RegistrantPhone => Phone(trimmed),
            AttributeKind.RegistryRegistrantId or AttributeKind.TechId => trimmed,
            _ => null,
        };
        if (normalized is null)
        {
            error = $"'{trimmed}' is not a valid {kind}.";
            return false;
        }
        value = new AttributeValue(kind, normalized);
        return true;
    }

    private static string? CanonicalAddress(string text) =>
        IPAddress.TryParse(text, out var address) && (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || text.Count(c => c == '.') == 3)
            ? address.ToString()
            : null;

    private static string? Email(string text)
    {
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
            return null;
        var domain = DomainNames.Normalize(text[(at + 1)..]);
        return domain.IsValid ? text[..at].ToLowerInvariant() + "@" + domain.ALabel : null;
    }

    private static string Organization(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
        var collapsed = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                if (collapsed.Length > 0 && collapsed[^1] != ' ')
                    collapsed.Append(' ');
            }
            else
            {
                collapsed.Append(c);
            }
        }
        return collapsed.ToString().TrimEnd();
    }

    private static string? Phone(string text)
    {
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= 4 and <= 20 ? (text.StartsWith('+') ? "+" : "") + digits : null;
    }
}
