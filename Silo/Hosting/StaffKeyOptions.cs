using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Rds.Hosting;

/// <summary>Writes the body of a staff key's refusal (401 or 403).</summary>
internal delegate Task StaffKeyErrorWriter(HttpContext context, int status, string title, string description);

/// <summary>
/// A staff role's key. Configured as the SHA-256 of the key (<c>{section}:{Role}KeySha256</c>, hex) so the key
/// itself need not sit in configuration; <c>{section}:{Role}Key</c> is accepted for local runs and hashed at start-up:
/// <c>Admin:OperatorKey</c> / <c>Admin:OperatorKeySha256</c>, <c>Audit:AuditorKey</c> / <c>Audit:AuditorKeySha256</c>
/// and <c>Metrics:ScrapeKey</c> / <c>Metrics:ScrapeKeySha256</c>.
/// </summary>
internal sealed class StaffKeyOptions : AuthenticationSchemeOptions
{
    /// <summary>The role this key grants; set at registration.</summary>
    public string Role { get; set; } = "";

    public string? Key { get; set; }

    public string? KeySha256 { get; set; }

    /// <summary>Whether the key may also come as the password of Basic credentials, which a browser prompts for.</summary>
    public bool AcceptBasic { get; set; }

    /// <summary>Plain text by default; the gateway answers with RDAP error bodies like everywhere else.</summary>
    public StaffKeyErrorWriter WriteError { get; set; } = WritePlainTextAsync;

    /// <summary>Binds <c>{section}:{prefix}Key</c> and <c>{section}:{prefix}KeySha256</c>.</summary>
    internal static Action<StaffKeyOptions> From(IConfiguration configuration, string section, string prefix, string role) => options =>
    {
        options.Role = role;
        options.Key = configuration[$"{section}:{prefix}Key"];
        options.KeySha256 = configuration[$"{section}:{prefix}KeySha256"];
    };

    /// <summary>The digest to compare against; null when no key is configured (then every call of this role is refused).</summary>
    internal byte[]? ExpectedDigest()
    {
        if (!string.IsNullOrWhiteSpace(KeySha256))
            return Convert.FromHexString(KeySha256.Trim());
        return string.IsNullOrEmpty(Key) ? null : Digest(Key);
    }

    internal static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static Task WritePlainTextAsync(HttpContext context, int status, string title, string description)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync($"{title}: {description}\n");
    }
}
