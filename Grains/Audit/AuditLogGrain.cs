using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Rds.Audit;

namespace Rds.Grains.Audit;

/// <summary>
/// A requestor's audit log. Reentrant so that concurrent requests' records are group-committed: while one
/// transaction is in flight, the next records queue and go together in the following one, so an audited request
/// costs about one table round-trip whatever the load.
/// </summary>
[Reentrant]
internal sealed class AuditLogGrain(
    [PersistentState("audit", StorageNames.Registry)] IPersistentState<AuditLogState> head,
    AuditTable table,
    TimeProvider clock,
    ILogger<AuditLogGrain> logger,
    AuditMetrics metrics) : Grain, IAuditLogGrain
{
    private readonly List<(AuditRecord Record, TaskCompletionSource<long> Stored)> _pending = [];
    private Task? _flushing;
    private long _sequence;
    private string _hash = AuditChain.Genesis;
    private long _subjectsIndexedThrough = -1;

    private string RequestorId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_sequence, _hash, _subjectsIndexedThrough) = (head.State.Sequence, head.State.Hash, head.State.SubjectsIndexedThrough);
        await CatchUpAsync();
        await IndexSubjectBacklogAsync();
    }

    // The subject index is derived from the stored records, so it is written after them, off the answer's path;
    // what a crash left unindexed is read back from the log and indexed here.
    private async Task IndexSubjectBacklogAsync()
    {
        if (_subjectsIndexedThrough >= _sequence)
            return;
        var backlog = new List<AuditEntry>();
        await foreach (var row in table.ReadAsync(RequestorId, _subjectsIndexedThrough))
            backlog.Add(new AuditEntry { Sequence = row.Sequence, PreviousHash = row.PreviousHash, Hash = row.Hash, Record = AuditChain.Parse(row.Json) });
        await IndexSubjectsAsync(backlog);
    }

    private async Task IndexSubjectsAsync(IReadOnlyList<AuditEntry> entries)
    {
        if (entries.Count == 0)
            return;
        await table.IndexSubjectsAsync(RequestorId, [.. entries.Where(entry => entry.Record.Decision == AuditDecision.Granted)]);
        _subjectsIndexedThrough = entries[^1].Sequence;
    }

    // Entries stored after the head was last written (its write follows the table's) are the log's true end.
    private async Task CatchUpAsync()
    {
        await foreach (var row in table.ReadAsync(RequestorId, _sequence))
            (_sequence, _hash) = (row.Sequence, row.Hash);
    }

    Task<long> IAuditLogGrain.AppendAsync(AuditRecord record)
    {
        var stored = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((record, stored));
        _flushing ??= FlushAsync();
        return stored.Task;
    }

    private async Task FlushAsync()
    {
        while (_pending.Count > 0)
        {
            var batch = _pending.Take(AuditTable.MaxBatch).ToArray();
            _pending.RemoveRange(0, batch.Length);
            var entries = new List<(AuditEntry Entry, string Json)>(batch.Length);
            var (sequence, hash) = (_sequence, _hash);
            foreach (var (record, _) in batch)
            {
                var json = AuditChain.CanonicalJson(record);
                var next = AuditChain.Hash(++sequence, hash, json);
                entries.Add((new AuditEntry { Sequence = sequence, PreviousHash = hash, Hash = next, Record = record }, json));
                hash = next;
            }
            try
            {
                await table.AppendAsync(RequestorId, entries);
                (_sequence, _hash) = (sequence, hash);
                metrics.Stored(batch.Select(pending => pending.Record), clock.GetUtcNow());
                foreach (var ((_, stored), (entry, _)) in batch.Zip(entries))
                    stored.SetResult(entry.Sequence);
            }
            catch (Exception failure)
            {
                logger.LogWarning(failure, "Audit records of {Requestor} could not be stored", RequestorId);
                // The answers wait for their records, so they fail too (503) and nothing is disclosed unaudited.
                foreach (var (_, stored) in batch)
                    stored.SetException(new OrleansException("The audit log could not be written; the request was not served."));
                // A transaction whose answer was lost may have been stored after all: find the true end again.
                try { await CatchUpAsync(); } catch (Exception again) { logger.LogDebug(again, "Re-reading the audit log of {Requestor} failed", RequestorId); }
                continue;
            }
            try
            {
                if (_subjectsIndexedThrough == entries[0].Entry.Sequence - 1)
                    await IndexSubjectsAsync([.. entries.Select(e => e.Entry)]);
                else
                    await IndexSubjectBacklogAsync();
            }
            catch (Exception failure)
            {
                logger.LogWarning(failure, "Indexing the subjects of {Requestor}'s audit records failed; retried with the next records", RequestorId);
            }
            // The head is a second write; under a steady stream it is kept at most once a second, and always when the
            // stream pauses. A head that lags only narrows, for that moment, what a cut-off end can be caught by.
            if (_pending.Count == 0 || clock.GetUtcNow() - _headRecordedAt >= HeadInterval)
                await RecordHeadAsync();
        }
        _flushing = null;
    }

    private static readonly TimeSpan HeadInterval = TimeSpan.FromSeconds(1);
    private DateTimeOffset _headRecordedAt;

    private async Task RecordHeadAsync()
    {
        _headRecordedAt = clock.GetUtcNow();
        try
        {
            head.State = new AuditLogState { Sequence = _sequence, Hash = _hash, SubjectsIndexedThrough = _subjectsIndexedThrough };
            await head.WriteStateAsync();
        }
        catch (Exception failure)
        {
            // The entries are stored; a head that lags only weakens the check for a cut-off end until the next write.
            logger.LogWarning(failure, "The audit head of {Requestor} could not be recorded", RequestorId);
        }
    }

    async Task<ImmutableArray<AuditEntry>> IAuditLogGrain.ReadAsync(AuditQuery query)
    {
        var entries = ImmutableArray.CreateBuilder<AuditEntry>();
        await foreach (var row in table.ReadAsync(RequestorId, query.After, query.CaseId, query.From, query.To))
        {
            entries.Add(new AuditEntry { Sequence = row.Sequence, PreviousHash = row.PreviousHash, Hash = row.Hash, Record = AuditChain.Parse(row.Json) });
            if (entries.Count == query.Limit)
                break;
        }
        return entries.ToImmutable();
    }

    async Task<ChainVerification> IAuditLogGrain.VerifyAsync()
    {
        var rows = new List<AuditRow>();
        await foreach (var row in table.ReadAsync(RequestorId, after: -1))
            rows.Add(row);
        return AuditChain.Verify(rows, head.State.Sequence, head.State.Hash);
    }
}
