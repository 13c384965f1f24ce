using System.Security.Cryptography;
using System.Text;

namespace Rds.Attributes;

/// <summary>
/// The grain key and table partition prefix of an attribute value. Azure Table keys forbid <c>/ \ # ?</c> and
/// control characters, and Orleans maps them lossily to <c>_</c> (dotnet/orleans#1497), while an email may
/// legally hold them: so the normalised value is base64url-encoded (lossless, key-safe), and hashed with
/// SHA-256 where it would make an over-long key. Grain state keeps the value itself.
/// </summary>
public static class AttributeKey
{
    private const int MaxEncodedLength = 180;

    public static string Of(AttributeValue value)
    {
        var encoded = Base64Url(Encoding.UTF8.GetBytes(value.Value));
        if (encoded.Length > MaxEncodedLength)
            encoded = "h" + Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(value.Value)));
        else
            encoded = "v" + encoded;
        return $"{Code(value.Kind)}{encoded}";
    }

    private static string Code(AttributeKind kind) => kind switch
    {
        AttributeKind.NameserverName => "ns",
        AttributeKind.NameserverIp => "ip",
        AttributeKind.RegistrantEmail => "re",
        AttributeKind.RegistrantOrganization => "ro",
        AttributeKind.RegistrantPhone => "rp",
        AttributeKind.RegistryRegistrantId => "ri",
        AttributeKind.TechId => "ti",
        AttributeKind.TechEmail => "te",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
