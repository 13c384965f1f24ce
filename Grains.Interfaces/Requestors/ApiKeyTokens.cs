using System.Security.Cryptography;
using System.Text;

namespace Rds.Requestors;

/// <summary>
/// API keys look like <c>rds_{keyId}_{secret}</c>: the key id (16 hex digits) says which key is presented without a
/// search over digests, and the secret (256 random bits, base64url) makes it unguessable. Only the SHA-256 of the
/// whole token is stored; a fast digest is enough because the secret is random, not a human password.
/// </summary>
public static class ApiKeyTokens
{
    private const string Prefix = "rds_";
    private const int KeyIdBytes = 8;
    private const int SecretBytes = 32;
    private static readonly int TokenLength = Prefix.Length + KeyIdBytes * 2 + 1 + Base64UrlLength(SecretBytes);

    public static IssuedApiKey Create()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyIdBytes));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new IssuedApiKey { KeyId = keyId, Token = $"{Prefix}{keyId}_{secret}" };
    }

    /// <summary>The key id of a well-formed token; false for anything else (an operator key, a JWT, garbage).</summary>
    public static bool TryReadKeyId(string? token, out string keyId)
    {
        keyId = "";
        if (token is null || token.Length != TokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[Prefix.Length + KeyIdBytes * 2] != '_')
            return false;
        var id = token.AsSpan(Prefix.Length, KeyIdBytes * 2);
        var secret = token.AsSpan(Prefix.Length + KeyIdBytes * 2 + 1);
        if (id.ContainsAnyExcept(LowerHexDigits) || secret.ContainsAnyExcept(Base64UrlAlphabet))
            return false;
        keyId = id.ToString();
        return true;
    }

    public static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static readonly System.Buffers.SearchValues<char> LowerHexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static int Base64UrlLength(int bytes) => (bytes * 4 + 2) / 3;
}
