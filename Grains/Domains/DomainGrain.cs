using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using System.Collections.Immutable;
using Rds.Attributes;
using Rds.Disclosure;
using Rds.Domains;
using Rds.Grains.Attributes;
using Rds.Grains.Disclosure;
using Rds.Grains.Registrars;
using Rds.Grains.Pivots;
using Rds.Registrations;

namespace Rds.Grains.Domains;

internal sealed class DomainGrain(
    [PersistentState("domain", StorageNames.Domains)] IPersistentState<DomainState> state,
    TimeProvider clock,
    PseudonymTable pseudonyms,
    IOptions<AttributeIndexOptions> index,
    ActiveDomainAttributes activeAttributes,
    ILogger<DomainGrain> logger) : Grain, IDomainGrain
{
    // Whether the index holds the current state since this activation; persisted only lazily (see OnDeactivateAsync).
    private bool _indexApplied = true;

    // The attribute values of the record _attributesOf, for pivots.
    private RegistrationRecord? _attributesOf;
    private ImmutableArray<AttributeValue> _attributes = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.IndexPending)
            return;
        _indexApplied = false;
        try
        {
            await ApplyIndexAsync();
            // Recorded at once, so that later activations (a lookup after a restart, say) do not replay it again.
            await ClearIndexOutboxAsync();
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Replaying the index changes of {Domain} failed", this.GetPrimaryKeyString());
            RetryIndexLater();
        }
    }

    private static readonly TimeSpan IndexRetryPeriod = TimeSpan.FromSeconds(2);
    private IGrainTimer? _indexRetry;

    // A failed index write is retried while this activation lives, not left until the domain's next change or
    // reactivation: a live domain whose attribute grain was lost with a silo would otherwise stay out of its index.
    private void RetryIndexLater() => _indexRetry ??= this.RegisterGrainTimer(RetryIndexAsync, IndexRetryPeriod, IndexRetryPeriod);

    private async Task RetryIndexAsync(CancellationToken cancellationToken)
    {
        if (!_indexApplied)
        {
            try
            {
                await ApplyIndexAsync();
            }
            catch (Exception failure)
            {
                logger.LogDebug(failure, "Retrying the index changes of {Domain} failed; trying again", this.GetPrimaryKeyString());
                return;
            }
        }
        _indexRetry?.Dispose();
        _indexRetry = null;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Clearing the outbox costs a write, so it is done once here rather than after every change; if this write
        // is lost, the next activation replays changes the index already holds, which is harmless.
        if (state.State.IndexPending && _indexApplied)
        {
            try { await ClearIndexOutboxAsync(); }
            catch (Exception failure) { logger.LogDebug(failure, "Clearing the index outbox of {Domain} failed", this.GetPrimaryKeyString()); }
        }
    }

    private async Task ClearIndexOutboxAsync()
    {
        state.State = state.State with { IndexPending = false, StaleAttributes = [] };
        await state.WriteStateAsync();
    }

    async Task<UpsertOutcome> IDomainGrain.UpsertAsync(RegistrationRecord record)
    {
        EnsureNormalizedForThisGrain(record);
        var outcome = DomainVersioning.DecideUpsert(state.State, record);
        if (outcome == UpsertOutcome.Stored)
            await WriteAndIndexAsync(record, deletedAt: null);
        else if (outcome == UpsertOutcome.Unchanged && !_indexApplied)
            await ApplyIndexAsync();
        // Registrar entities came after records were stored: re-importing a registry feeds them (no write when known).
        else if (outcome == UpsertOutcome.Unchanged)
            await RegistrarFeed.ObserveAsync(GrainFactory, state.State.Record);
        logger.LogDebug("Upsert of {Domain} at {UpdatedDate}: {Outcome}", this.GetPrimaryKeyString(), record.UpdatedDate, outcome);
        return outcome;
    }

    async Task<DeleteOutcome> IDomainGrain.DeleteAsync(DateTimeOffset deletedAt)
    {
        var outcome = DomainVersioning.DecideDelete(state.State, deletedAt);
        if (outcome == DeleteOutcome.Deleted)
            await WriteAndIndexAsync(record: null, deletedAt);
        logger.LogDebug("Delete of {Domain} at {DeletedAt}: {Outcome}", this.GetPrimaryKeyString(), deletedAt, outcome);
        return outcome;
    }

    async Task<DisclosedRegistration?> IDomainGrain.LookupAsync(DisclosureRequest request)
    {
        if (state.State.Record is not { } record)
            return null;
        var shaped = DisclosurePolicy.Shape(record, request, state.State.StoredAt);
        if (shaped.Minted.Length == 0)
            return shaped;
        // Recorded before the answer, so every pseudonym a requestor sees can start a pivot in its case.
        await pseudonyms.RecordAsync(request.Pseudonyms!, shaped.Minted);
        return shaped with { Minted = [] };
    }

    private async Task WriteAndIndexAsync(RegistrationRecord? record, DateTimeOffset? deletedAt)
    {
        var entering = RecordAttributes.Of(record);
        var left = RecordAttributes.Of(state.State.Record).Union(_indexApplied ? [] : state.State.StaleAttributes).Except(entering);
        state.State = new DomainState
        {
            Record = record,
            DeletedAt = deletedAt,
            StoredAt = clock.GetUtcNow(),
            IndexPending = true,
            StaleAttributes = [.. left],
        };
        // In the same turn as the record changes, so no pivot reads the old values from there.
        activeAttributes.Withdraw(this.GetPrimaryKeyString());
        _indexApplied = false;
        await state.WriteStateAsync();
        try
        {
            await ApplyIndexAsync();
        }
        catch
        {
            RetryIndexLater();
            throw;
        }
    }

    // Idempotent: every current attribute is told the domain is a member, every stale one that it is not.
    private async Task ApplyIndexAsync()
    {
        if (!index.Value.Maintained)
        {
            _indexApplied = true;
            return;
        }
        var domain = this.GetPrimaryKeyString();
        var changes = RecordAttributes.Of(state.State.Record).Select(value => (value, member: true))
            .Concat(state.State.StaleAttributes.Select(value => (value, member: false)));
        await Task.WhenAll(changes.Select(change => GrainFactory.GetGrain<IAttributeGrain>(AttributeKey.Of(change.value))
            .ApplyAsync(change.value, [new MembershipChange(domain, change.member)])));
        // The registrar entity (RDAP /entity/{ianaId}) is derived data too, so it rides the same outbox and replay.
        await RegistrarFeed.ObserveAsync(GrainFactory, state.State.Record);
        _indexApplied = true;
    }

    Task<ImmutableArray<AttributeValue>?> IDomainGrain.AttributesAsync()
    {
        // Pivots ask every domain they reach, and normalising a record's values (IDNA, NFKC) costs more than the call:
        // computed once per record, which is immutable, so a changed record is a different reference.
        var record = state.State.Record;
        if (record is null)
            return Task.FromResult<ImmutableArray<AttributeValue>?>(null);
        if (!ReferenceEquals(_attributesOf, record))
        {
            (_attributesOf, _attributes) = (record, [.. RecordAttributes.Of(record)]);
            activeAttributes.Publish(this.GetPrimaryKeyString(), _attributes, GrainContext.Deactivated);
        }
        return Task.FromResult<ImmutableArray<AttributeValue>?>(_attributes);
    }

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
