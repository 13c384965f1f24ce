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
                await ReplaceAsync(registrar, asOf);
                break;
            case RegistrarObservation.Advance:
                state.State = state.State with { AsOf = asOf };
                _dateAdvanced = true;
                break;
        }
    }

    // A new name is listed before the state is written and an old one unlisted after, so a crash in between leaves
    // at worst a name listed too many, which a lookup by name sees does not match and skips; the next observation
    // of this registrar repeats the listing.
    private async Task ReplaceAsync(Registrar registrar, DateTimeOffset asOf)
    {
        var ianaId = this.GetPrimaryKeyString();
        var previous = RegistrarNames.KeyOf(state.State.Registrar?.Name);
        var current = RegistrarNames.KeyOf(registrar.Name);
        if (current is not null && current != previous)
            await GrainFactory.GetGrain<IRegistrarNameGrain>(current).NameAsync(ianaId, named: true);
        state.State = new RegistrarState { Registrar = registrar, AsOf = asOf, StoredAt = clock.GetUtcNow() };
        await state.WriteStateAsync();
        _dateAdvanced = false;
        if (previous is not null && previous != current)
            await GrainFactory.GetGrain<IRegistrarNameGrain>(previous).NameAsync(ianaId, named: false);
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
