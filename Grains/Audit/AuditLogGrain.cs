using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Azure;
using Orleans.Concurrency;
using Orleans.Streams;
using Orleans.Streams.Core;
using Rds.Audit;

namespace Rds.Grains.Audit;

/// <summary>
/// A requestor's audit log. Records arrive on the requestor's audit stream (or, when too large for a queue message,
/// by a direct call). Reentrant so that concurrent records are group-committed: while one transaction is in flight,
/// the next records queue and go together in the following one, so a record costs about one table round-trip
/// whatever the load. A stream delivery is acknowledged only once its records are stored, so a silo that dies
/// before that has them delivered again, and the record ids stored with them keep the repeat out of the chain.
/// </summary>
[Reentrant]
[ImplicitStreamSubscription(AuditStreams.Namespace)]
internal sealed class AuditLogGrain(
    [PersistentState("audit", StorageNames.Registry)] IPersistentState<AuditLogState> head,
    AuditTable table,
    TimeProvider clock,
    IOptions<AuditRetentionOptions> retention,
    ILogger<AuditLogGrain> logger,
    AuditMetrics metrics) : Grain, IAuditLogGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<AuditRecord>, IRemindable
{
    private const string RetentionReminder = "audit-retention";

    private readonly List<(AuditRecord Record, TaskCompletionSource<long> Stored)> _pending = [];
    // Records queued or being written, by id: a repeat delivered meanwhile waits for the first copy.
    private readonly Dictionary<string, Task<long>> _unsettled = [];
    // Ids of the records stored last, with their sequence numbers: a redelivered record (a queue message whose
    // deletion came late) is answered from here, not by a failed table transaction and a lookup.
    private readonly Dictionary<string, long> _recentlyStored = [];
    private readonly Queue<string> _recentOrder = new();
    private const int RecentlyStoredKept = 16_384;
    private bool _flushing;
    private long _sequence;
    private string _hash = AuditChain.Genesis;
    private long _subjectsIndexedThrough = -1;

    private string RequestorId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_sequence, _hash, _subjectsIndexedThrough) = (head.State.Sequence, head.State.Hash, head.State.SubjectsIndexedThrough);
        // Before any subject row: an access report finds a log's rows through this directory.
        await table.RegisterLogAsync(RequestorId);
        await CatchUpAsync();
        await IndexSubjectBacklogAsync();
        if (!head.State.RetentionScheduled)
            await ScheduleRetentionAsync();
    }

    // A reminder, not a timer: it wakes the log even when its requestor has long gone quiet.
    private async Task ScheduleRetentionAsync()
    {
        try
        {
            await this.RegisterOrUpdateReminder(RetentionReminder, AuditRetentionOptions.PassInterval, AuditRetentionOptions.PassInterval);
        }
        catch (Exception failure)
        {
            // Appends must not wait on the reminder service; the next activation tries again.
            logger.LogWarning(failure, "The retention reminder of {Requestor}'s audit log could not be registered", RequestorId);
            return;
        }
        await RecordHeadAsync(retentionScheduled: true);
    }

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == RetentionReminder ? PurgeExpiredAsync() : Task.CompletedTask;

    Task<long> IAuditLogGrain.PurgeExpiredAsync() => PurgeExpiredAsync();

    private async Task<long> PurgeExpiredAsync()
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(retention.Value.RetentionDays);
        var expired = new List<AuditEntry>();
        AuditRow? last = null;
        // Oldest first, up to the first record still retained: the chain loses a prefix, never a record in between.
        await foreach (var row in table.ReadAsync(RequestorId, after: head.State.PurgedThrough))
        {
            var record = AuditChain.Parse(row.Json);
            if (record.ReceivedAt >= cutoff || row.Sequence > _sequence)
                break;
            expired.Add(new AuditEntry { Sequence = row.Sequence, PreviousHash = row.PreviousHash, Hash = row.Hash, Record = record });
            last = row;
        }
        if (last is null)
            return 0;
        // The new start of the chain is recorded before anything is deleted: a pass cut short leaves rows that
        // verification skips and the next pass deletes, never a chain that looks cut.
        head.State = head.State with { PurgedThrough = last.Sequence, PurgedHash = last.Hash };
        await head.WriteStateAsync();
        foreach (var page in expired.Chunk(AuditTable.MaxBatch))
            await table.DeleteAsync(RequestorId, page);
        logger.LogInformation("Audit log of {Requestor}: {Count} record(s) past their retention deleted", RequestorId, expired.Count);
        return expired.Count;
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
        await table.IndexSubjectsAsync(RequestorId, entries);
        _subjectsIndexedThrough = entries[^1].Sequence;
    }

    // Entries stored after the head was last written (its write follows the table's) are the log's true end.
    private async Task CatchUpAsync()
    {
        await foreach (var row in table.ReadAsync(RequestorId, _sequence))
            (_sequence, _hash) = (row.Sequence, row.Hash);
    }

    Task<long> IAuditLogGrain.AppendAsync(AuditRecord record) => Append(record);

    Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<AuditRecord>().ResumeAsync(this);

    // Returning acknowledges the delivery; a failure has the pulling agent deliver the same records again.
    Task IAsyncBatchObserver<AuditRecord>.OnNextAsync(IList<SequentialItem<AuditRecord>> items) =>
        Task.WhenAll(items.Select(item => Append(item.Item)));

    Task IAsyncBatchObserver<AuditRecord>.OnCompletedAsync() => Task.CompletedTask;

    Task IAsyncBatchObserver<AuditRecord>.OnErrorAsync(Exception ex) => Task.CompletedTask;

    private Task<long> Append(AuditRecord record)
    {
        if (!IsRecordId(record.RecordId))
            record = record with { RecordId = Guid.NewGuid().ToString("N") };
        if (_unsettled.TryGetValue(record.RecordId, out var first))
            return first;
        if (_recentlyStored.TryGetValue(record.RecordId, out var stored))
            return Task.FromResult(stored);
        var storing = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Add((record, storing));
        _unsettled[record.RecordId] = storing.Task;
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
        return storing.Task;
    }

    // Record ids become table row keys: letters, digits and '-' only, never a character a key forbids.
    private static bool IsRecordId(string? id) => id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private void Settle(AuditRecord record, TaskCompletionSource<long> stored, long sequence)
    {
        _unsettled.Remove(record.RecordId);
        if (_recentlyStored.TryAdd(record.RecordId, sequence))
        {
            _recentOrder.Enqueue(record.RecordId);
            if (_recentOrder.Count > RecentlyStoredKept)
                _recentlyStored.Remove(_recentOrder.Dequeue());
        }
        stored.SetResult(sequence);
    }

    private void Fail(AuditRecord record, TaskCompletionSource<long> stored, Exception failure)
    {
        _unsettled.Remove(record.RecordId);
        stored.SetException(failure);
    }

    // Runs while records are pending. Nothing in it is expected to throw outside the storage calls it handles; if
    // anything does, the records it holds fail (their answers 503, their deliveries come again) and the next record
    // starts a new flush: a flush that died silently would leave every later delivery waiting forever.
    private async Task FlushAsync()
    {
        (AuditRecord Record, TaskCompletionSource<long> Stored)[] batch = [];
        try
        {
            while (_pending.Count > 0)
            {
                // The subject rows go in the records' own transaction when they fit and nothing before them awaits
                // indexing: one storage request for the lot. Otherwise they follow, as the backlog would.
                var fitting = _subjectsIndexedThrough == _sequence ? AuditTable.RecordsFittingWithSubjects(_pending.Select(item => item.Record)) : 0;
                var indexInline = fitting > 0;
                batch = _pending.Take(indexInline ? fitting : AuditTable.MaxBatch).ToArray();
                _pending.RemoveRange(0, batch.Length);
                var entries = Chain(batch.Select(item => item.Record));
                try
                {
                    await table.AppendAsync(RequestorId, entries, indexInline);
                }
                catch (Exception failure)
                {
                    await RecoverAsync(batch, failure);
                    continue;
                }
                (_sequence, _hash) = (entries[^1].Entry.Sequence, entries[^1].Entry.Hash);
                if (indexInline)
                    _subjectsIndexedThrough = _sequence;
                metrics.Stored(batch.Select(pending => pending.Record), clock.GetUtcNow());
                foreach (var ((record, stored), (entry, _)) in batch.Zip(entries))
                    Settle(record, stored, entry.Sequence);
                if (!indexInline)
                    await IndexAfterAsync(entries[0].Entry.Sequence, [.. entries.Select(e => e.Entry)]);
                // The head is a second write; under a steady stream it is kept at most once a second, and always when
                // the stream pauses. A head that lags only narrows, for that moment, what a cut-off end can be caught by.
                if (_pending.Count == 0 || clock.GetUtcNow() - _headRecordedAt >= HeadInterval)
                    await RecordHeadAsync();
            }
        }
        catch (Exception failure)
        {
            logger.LogError(failure, "The audit log of {Requestor} failed to flush; its waiting records are failed", RequestorId);
            foreach (var (record, stored) in batch.Concat(_pending).Where(item => !item.Stored.Task.IsCompleted))
                Fail(record, stored, failure);
            _pending.Clear();
        }
        finally
        {
            _flushing = false;
        }
    }

    // The next entries of the chain for these records, from the log's current end.
    private List<(AuditEntry Entry, string Json)> Chain(IEnumerable<AuditRecord> records)
    {
        var entries = new List<(AuditEntry Entry, string Json)>();
        var (sequence, hash) = (_sequence, _hash);
        foreach (var record in records)
        {
            var json = AuditChain.CanonicalJson(record);
            var next = AuditChain.Hash(++sequence, hash, json);
            entries.Add((new AuditEntry { Sequence = sequence, PreviousHash = hash, Hash = next, Record = record }, json));
            hash = next;
        }
        return entries;
    }

    private async Task IndexAfterAsync(long first, IReadOnlyList<AuditEntry> entries)
    {
        try
        {
            if (_subjectsIndexedThrough == first - 1)
                await IndexSubjectsAsync(entries);
            else
                await IndexSubjectBacklogAsync();
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "Indexing the subjects of {Requestor}'s audit records failed; retried with the next records", RequestorId);
        }
    }

    // A failed transaction stored nothing, or (its answer lost) everything; a conflict means a record of the batch
    // was stored before (a repeated delivery) or the log's end moved. The log is read again to tell which records
    // are stored; the others go round again after a conflict, and fail otherwise.
    private async Task RecoverAsync((AuditRecord Record, TaskCompletionSource<long> Stored)[] batch, Exception failure)
    {
        var conflict = failure is RequestFailedException { Status: 409 };
        var endBefore = _sequence;
        var unstored = new List<(AuditRecord Record, TaskCompletionSource<long> Stored)>();
        try
        {
            await CatchUpAsync();
            foreach (var item in batch)
            {
                if (await table.SequenceOfAsync(RequestorId, item.Record.RecordId) is { } sequence)
                    Settle(item.Record, item.Stored, sequence);
                else
                    unstored.Add(item);
            }
        }
        catch (Exception again)
        {
            logger.LogDebug(again, "Re-reading the audit log of {Requestor} failed", RequestorId);
            conflict = false;
            unstored = [.. batch.Where(item => !item.Stored.Task.IsCompleted)];
        }
        // Going round again is only worth it when the re-read found something: a stored repeat or a moved end.
        if (conflict && unstored.Count > 0 && (unstored.Count < batch.Length || _sequence != endBefore))
        {
            _pending.InsertRange(0, unstored);
            return;
        }
        if (unstored.Count > 0)
            logger.LogWarning(failure, "Audit records of {Requestor} could not be stored", RequestorId);
        // The answers wait for their records, so they fail too (503) and nothing is disclosed unaudited.
        foreach (var (record, stored) in unstored)
            Fail(record, stored, new OrleansException("The audit log could not be written; the request was not served."));
    }

    private static readonly TimeSpan HeadInterval = TimeSpan.FromSeconds(1);
    private DateTimeOffset _headRecordedAt;

    private async Task RecordHeadAsync(bool retentionScheduled = false)
    {
        _headRecordedAt = clock.GetUtcNow();
        try
        {
            head.State = head.State with
            {
                Sequence = _sequence,
                Hash = _hash,
                SubjectsIndexedThrough = _subjectsIndexedThrough,
                RetentionScheduled = head.State.RetentionScheduled || retentionScheduled,
            };
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
        await foreach (var row in table.ReadAsync(RequestorId, Math.Max(query.After, head.State.PurgedThrough), query.CaseId, query.From, query.To))
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
        return AuditChain.Verify(rows, head.State.Sequence, head.State.Hash, head.State.PurgedThrough, head.State.PurgedHash);
    }
}
