using System.Security.Cryptography;
using System.Text;
using Rds.Attributes;

namespace Rds.Registrars;

/// <summary>
/// How a registrar's name (its jCard fn) is matched when given as an entity handle (TIG 2024 §2.4.2): as an
/// organisation name is everywhere here (NFKC, case-folded, white space collapsed, see <see cref="AttributeNormalizer"/>),
/// so "Example Registrar, Inc." and "example registrar,  inc." find the same registrar.
/// </summary>
public static class RegistrarNames
{
    /// <summary>The normalised name, or null when the text is not a usable name.</summary>
    public static string? Normalize(string? name) =>
        AttributeNormalizer.TryNormalize(AttributeKind.RegistrantOrganization, name, out var value, out _) ? value.Value : null;

    /// <summary>
    /// The key of the name's <see cref="IRegistrarNameGrain"/>: a hash, because a name may hold characters that Azure
    /// Table keys forbid (and Orleans maps lossily) and may be long; the grain keeps the names it was given.
    /// </summary>
    public static string? KeyOf(string? name) =>
        Normalize(name) is { } normalized ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized))) : null;
}
