using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;

namespace Rds.Gateway.Auth;

/// <summary>
/// The operator credential that guards the admin endpoints. Configured as the SHA-256 of the key
/// (<c>Admin:OperatorKeySha256</c>, hex) so the key itself need not sit in configuration; <c>Admin:OperatorKey</c>
/// is accepted for local runs and hashed at start-up.
/// </summary>
public sealed class OperatorKeyOptions : AuthenticationSchemeOptions
{
    public const string Section = "Admin";

    public string? OperatorKey { get; set; }

    public string? OperatorKeySha256 { get; set; }

    /// <summary>The digest to compare against; null when no operator key is configured (then every admin call is refused).</summary>
    internal byte[]? ExpectedDigest()
    {
        if (!string.IsNullOrWhiteSpace(OperatorKeySha256))
            return Convert.FromHexString(OperatorKeySha256.Trim());
        return string.IsNullOrEmpty(OperatorKey) ? null : Digest(OperatorKey);
    }

    internal static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
