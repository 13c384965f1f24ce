using System.Collections.Immutable;

namespace Rds.Registrars;

/// <summary>
/// The IANA IDs of the registrars currently known by one name, for registrar lookups by name (TIG 2024 §2.4.2).
/// Key: <see cref="RegistrarNames.KeyOf"/>. Kept by the registrar grains as their names change.
/// </summary>
[Alias("rds.IRegistrarNameGrain")]
public interface IRegistrarNameGrain : IGrainWithStringKey
{
    /// <summary>Records that the registrar <paramref name="ianaId"/> does, or no longer does, bear this name. Idempotent.</summary>
    Task NameAsync(string ianaId, bool named);

    /// <summary>The IANA IDs of the registrars bearing this name, in numeric order.</summary>
    Task<ImmutableArray<string>> IanaIdsAsync();
}
