using System.Security.Cryptography;
using System.Text;
using Rds.Attributes;
using Rds.Disclosure;

namespace Rds.Grains.Disclosure;

/// <summary>
/// A case's pseudonym directory stores the value behind each pseudonym sealed (AES-256-GCM) under a key derived from
/// the case's pseudonym key, bound to the pseudonym: the table holds no plain contact value, a row moved to another
/// pseudonym does not open, and once the case's salt is erased no one can open its rows at all.
/// </summary>
internal static class PseudonymSeal
{
    private const int NonceBytes = 12, TagBytes = 16;
    private static readonly byte[] Purpose = "rds-pseudonym-directory"u8.ToArray();

    private static byte[] SealingKey(PseudonymKey key) => HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Key, 32, info: Purpose);

    public static string Seal(PseudonymKey key, string pseudonym, AttributeValue value)
    {
        var plain = Encoding.UTF8.GetBytes($"{value.Kind}\n{value.Value}");
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(SealingKey(key), TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), Encoding.UTF8.GetBytes(pseudonym));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The value behind the pseudonym; null when the row does not open with this case's key for this pseudonym.</summary>
    public static AttributeValue? Open(PseudonymKey key, string pseudonym, string sealedText)
    {
        try
        {
            var sealedBytes = Convert.FromBase64String(sealedText);
            if (sealedBytes.Length < NonceBytes + TagBytes)
                return null;
            var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
            using var aes = new AesGcm(SealingKey(key), TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain, Encoding.UTF8.GetBytes(pseudonym));
            var text = Encoding.UTF8.GetString(plain);
            var separator = text.IndexOf('\n');
            return separator > 0 && Enum.TryParse<AttributeKind>(text[..separator], out var kind) ? new AttributeValue(kind, text[(separator + 1)..]) : null;
        }
        catch (Exception unreadable) when (unreadable is FormatException or CryptographicException)
        {
            return null;
        }
    }
}
