using System.Security.Cryptography;
using System.Text;
using Rds.Disclosure;

namespace Rds.Grains.Disclosure;

/// <summary>The silo's master key for pseudonyms, from configuration only; case keys are derived from it with HKDF.</summary>
public sealed class PseudonymMasterKey
{
    public const int MinimumBytes = 32;
    private readonly byte[] _key;

    public PseudonymMasterKey(byte[] key, int version)
    {
        if (key.Length < MinimumBytes)
            throw new ArgumentException($"The pseudonym master key must be at least {MinimumBytes} bytes.", nameof(key));
        _key = key;
        Version = version;
    }

    public int Version { get; }

    /// <summary>The key of one requestor's case: HKDF-SHA-256 over the master key, salted with the case's own random salt.</summary>
    internal PseudonymKey ForCase(string requestorId, string caseId, byte[] caseSalt)
    {
        var info = Encoding.UTF8.GetBytes($"rds-pseudonyms|v{Version}|{requestorId}|{caseId}");
        return new PseudonymKey { Scope = $"{requestorId}/{caseId}", Version = Version, Key = HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, caseSalt, info) };
    }

    public override string ToString() => $"PseudonymMasterKey v{Version}";
}
