using Rds.Registrations;

namespace Rds.Registrars;

/// <summary>
/// One registrar, keyed by its IANA Registrar ID (the handle of its RDAP entity, RP 2024 §2.4.1). Fed by the domain
/// grains from the records they store, since registrars are known here only through the domains they sponsor.
/// </summary>
[Alias("rds.IRegistrarGrain")]
public interface IRegistrarGrain : IGrainWithStringKey
{
    /// <summary>Takes the registrar details of a record with <paramref name="asOf"/> as its updatedDate; the newest wins. Idempotent.</summary>
    Task ObserveAsync(Registrar registrar, DateTimeOffset asOf);

    /// <summary>The registrar, or null when no stored record has named it.</summary>
    Task<RegistrarView?> GetAsync();
}
