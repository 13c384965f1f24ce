using Rds.Registrars;
using Rds.Registrations;

namespace Rds.Grains.Registrars;

/// <summary>
/// Passes the registrar block of a stored record to its registrar grain. Called where a domain grain applies its
/// derived data, so a replay of the domain's outbox repeats it (observing is idempotent). A registrar without an
/// IANA ID has the handle "not applicable" (RP 2024 §4.3), which names no entity, so it is not kept.
/// </summary>
internal static class RegistrarFeed
{
    public static Task ObserveAsync(IGrainFactory grains, RegistrationRecord? record) =>
        record?.Registrar.IanaId is { } ianaId
            ? grains.GetGrain<IRegistrarGrain>(ianaId).ObserveAsync(record.Registrar, record.UpdatedDate)
            : Task.CompletedTask;
}
