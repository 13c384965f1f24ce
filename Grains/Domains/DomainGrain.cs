using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Rds.Disclosure;
using Rds.Domains;
using Rds.Grains.Disclosure;
using Rds.Registrations;

namespace Rds.Grains.Domains;

internal sealed class DomainGrain(
    [PersistentState("domain", StorageNames.Registry)] IPersistentState<DomainState> state,
    TimeProvider clock,
    ILogger<DomainGrain> logger) : Grain, IDomainGrain
{
    async Task<UpsertOutcome> IDomainGrain.UpsertAsync(RegistrationRecord record)
    {
        EnsureNormalizedForThisGrain(record);
        var outcome = DomainVersioning.DecideUpsert(state.State, record);
        if (outcome == UpsertOutcome.Stored)
        {
            state.State = new DomainState { Record = record, StoredAt = clock.GetUtcNow() };
            await state.WriteStateAsync();
        }
        logger.LogDebug("Upsert of {Domain} at {UpdatedDate}: {Outcome}", this.GetPrimaryKeyString(), record.UpdatedDate, outcome);
        return outcome;
    }

    async Task<DeleteOutcome> IDomainGrain.DeleteAsync(DateTimeOffset deletedAt)
    {
        var outcome = DomainVersioning.DecideDelete(state.State, deletedAt);
        if (outcome == DeleteOutcome.Deleted)
        {
            state.State = new DomainState { DeletedAt = deletedAt, StoredAt = clock.GetUtcNow() };
            await state.WriteStateAsync();
        }
        logger.LogDebug("Delete of {Domain} at {DeletedAt}: {Outcome}", this.GetPrimaryKeyString(), deletedAt, outcome);
        return outcome;
    }

    Task<DisclosedRegistration?> IDomainGrain.LookupAsync(DisclosureRequest request) =>
        Task.FromResult(state.State.Record is { } record
            ? DisclosurePolicy.Shape(record, request, state.State.StoredAt)
            : null);

    // The gateway normalises; a record that is not in stored form, or keyed elsewhere, is a caller's bug, not data.
    private void EnsureNormalizedForThisGrain(RegistrationRecord record)
    {
        var result = RegistrationNormalizer.Normalize(record);
        if (!result.IsValid)
            throw new ArgumentException("The record is invalid: " + string.Join(" ", result.Errors), nameof(record));
        if (result.Record!.DomainName != this.GetPrimaryKeyString() || record.DomainName != this.GetPrimaryKeyString())
            throw new ArgumentException($"The record is for '{record.DomainName}', not for this grain's normalised name.", nameof(record));
    }
}
