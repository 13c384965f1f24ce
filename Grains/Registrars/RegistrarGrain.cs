using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Rds.Registrars;
using Rds.Registrations;

namespace Rds.Grains.Registrars;

/// <summary>
/// One registrar's public details, kept as the newest sponsored record gives them. Most observations repeat what is
/// held (every domain of a registrar carries the same block), so they cost a grain call and no write.
/// </summary>
internal sealed class RegistrarGrain(
    [PersistentState("registrar", StorageNames.Registry)] IPersistentState<RegistrarState> state,
    TimeProvider clock,
    ILogger<RegistrarGrain> logger) : Grain, IRegistrarGrain
{
    // A newer date for the same details is kept in memory and written on deactivation: records imported in date order
    // would otherwise cost a write each. Losing it in a crash only lets an older, different block win a later tie.
    private bool _dateAdvanced;

    async Task IRegistrarGrain.ObserveAsync(Registrar registrar, DateTimeOffset asOf)
    {
        switch (RegistrarObservations.Decide(state.State, registrar, asOf))
        {
            case RegistrarObservation.Replace:
                state.State = new RegistrarState { Registrar = registrar, AsOf = asOf, StoredAt = clock.GetUtcNow() };
                await state.WriteStateAsync();
                _dateAdvanced = false;
                break;
            case RegistrarObservation.Advance:
                state.State = state.State with { AsOf = asOf };
                _dateAdvanced = true;
                break;
        }
    }

    Task<RegistrarView?> IRegistrarGrain.GetAsync() =>
        Task.FromResult(state.State.Registrar is { } registrar
            ? new RegistrarView { Registrar = registrar, AsOf = state.State.AsOf, DatabaseUpdatedAt = state.State.StoredAt }
            : null);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_dateAdvanced)
            return;
        try { await state.WriteStateAsync(); }
        catch (Exception failure) { logger.LogDebug(failure, "Writing the advanced date of registrar {Registrar} failed", this.GetPrimaryKeyString()); }
    }
}
