using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Rds.Gateway.Rdap;

/// <summary>
/// Opaque, tamper-proof paging cursors: the position (the last A-label returned) bound by HMAC-SHA-256 to the
/// query it belongs to, so an altered cursor, or one taken from another query, is refused rather than obeyed.
/// </summary>
internal sealed class SearchCursor(IOptions<RdapOptions> options)
{
    private const int TagBytes = 16;

    // Without a configured key each process draws its own: cursors then do not outlive a restart.
    private readonly byte[] _key = options.Value.CursorKey is { Length: > 0 } configured
        ? Convert.FromBase64String(configured)
        : RandomNumberGenerator.GetBytes(32);

    public string Create(string query, string after)
    {
        var position = Encoding.UTF8.GetBytes(after);
        return WebEncoders.Base64UrlEncode(position) + "." + WebEncoders.Base64UrlEncode(Tag(query, position));
    }

    public bool TryRead(string query, string cursor, out string after)
    {
        after = "";
        var parts = cursor.Split('.');
        if (parts.Length != 2 || cursor.Length > 1024)
            return false;
        try
        {
            var position = WebEncoders.Base64UrlDecode(parts[0]);
            if (!CryptographicOperations.FixedTimeEquals(Tag(query, position), WebEncoders.Base64UrlDecode(parts[1])))
                return false;
            after = Encoding.UTF8.GetString(position);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The query string of a search's next page: the same parameters, the new cursor.</summary>
    public static string NextQueryString(IQueryCollection query, string cursor)
    {
        var kept = query.Where(pair => pair.Key != "cursor")
            .SelectMany(pair => pair.Value.Select(v => KeyValuePair.Create(pair.Key, (StringValues)v)));
        return QueryString.Create(kept.Append(KeyValuePair.Create("cursor", (StringValues)cursor))).ToUriComponent();
    }

    private byte[] Tag(string query, byte[] position)
    {
        var message = Encoding.UTF8.GetBytes(query + "\n").Concat(position).ToArray();
        return HMACSHA256.HashData(_key, message)[..TagBytes];
    }
}
