using Azure.Data.Tables;
using Rds.Audit;

namespace Rds.Grains.Audit;

/// <summary>
/// The append-only audit table: partition = requestor, row = zero-padded sequence number, so a requestor's log is
/// one partition in order and a batch of its entries is one entity-group transaction. Entries are only ever added:
/// an add of an existing row fails, so nothing here can overwrite a record. Beside each entry, in the same
/// transaction, a row keyed by the record's id: a record delivered twice cannot be stored twice. The subject index
/// (which records disclosed which domain) lives in the same partition, so one transaction indexes a whole batch, and
/// a directory partition lists the requestors whose partitions a report reads.
/// </summary>
public sealed class AuditTable(TableClient table)
{
    /// <summary>Records per transaction: two rows each (the record and its id).</summary>
    public const int MaxBatch = MaxOperations / 2;

    // Both sort after every sequence row key (digits), so reading entries in order is one bounded range.
    private const string RecordIdRowPrefix = "~id|";
    private const string SubjectRowPrefix = "~sub|";

    // Requestor ids have no '|', so no requestor's partition can take this one.
    private const string DirectoryPartition = "directory|logs";

    /// <summary>Azure Table: at most 100 operations per entity-group transaction.</summary>
    private const int MaxOperations = 100;

    /// <summary>Strings up to 64 KiB per property; the JSON is split into chunks of this many characters.</summary>
    private const int ChunkChars = 30_000;
    private const string JsonProperty = "Record";

    private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

    private static string RowKey(long sequence) => sequence.ToString("D19");

    /// <summary>
    /// How many of these records, from the first, fit one transaction together with their id rows and subject rows
    /// (at most <see cref="MaxBatch"/>); 0 when the first alone does not.
    /// </summary>
    internal static int RecordsFittingWithSubjects(IEnumerable<AuditRecord> records)
    {
        var (count, operations) = (0, 0);
        foreach (var record in records.Take(MaxBatch))
        {
            operations += 2 + SubjectsOf(record).Count();
            if (operations > MaxOperations)
                break;
            count++;
        }
        return count;
    }

    // Only granted records disclosed anything about their domains.
    private static IEnumerable<string> SubjectsOf(AuditRecord record) =>
        record.Decision == AuditDecision.Granted ? record.Domains.Distinct() : [];

    /// <summary>Adds the entries and their id rows in one transaction, with their subject rows when <paramref name="withSubjects"/>.</summary>
    internal async Task AppendAsync(string requestorId, IReadOnlyList<(AuditEntry Entry, string Json)> entries, bool withSubjects)
    {
        await _created.Value;
        var actions = entries.Select(item =>
        {
            var entity = new TableEntity(requestorId, RowKey(item.Entry.Sequence))
            {
                ["PreviousHash"] = item.Entry.PreviousHash,
                ["Hash"] = item.Entry.Hash,
                ["CaseId"] = item.Entry.Record.CaseId ?? "",
                ["ReceivedAt"] = item.Entry.Record.ReceivedAt,
                ["Chunks"] = (item.Json.Length + ChunkChars - 1) / ChunkChars,
            };
            for (var i = 0; i * ChunkChars < item.Json.Length; i++)
                entity[JsonProperty + i] = item.Json.Substring(i * ChunkChars, Math.Min(ChunkChars, item.Json.Length - i * ChunkChars));
            var recordId = new TableEntity(requestorId, RecordIdRowPrefix + item.Entry.Record.RecordId) { ["Sequence"] = item.Entry.Sequence };
            return new[] { new TableTransactionAction(TableTransactionActionType.Add, entity), new TableTransactionAction(TableTransactionActionType.Add, recordId) };
        });
        var subjects = withSubjects
            ? entries.SelectMany(item => SubjectRows(requestorId, item.Entry)).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row))
            : [];
        await table.SubmitTransactionAsync(actions.SelectMany(pair => pair).Concat(subjects));
    }

    private static IEnumerable<TableEntity> SubjectRows(string requestorId, AuditEntry entry) =>
        SubjectsOf(entry.Record).Select(domain => new TableEntity(requestorId, SubjectRow(domain, entry.Sequence)) { ["ReceivedAt"] = entry.Record.ReceivedAt });

    /// <summary>
    /// Deletes entries at the end of their retention: their rows, their record-id rows and their subject-index rows.
    /// Deleting a row already gone is not an error, so a pass cut short can simply run again.
    /// </summary>
    internal async Task DeleteAsync(string requestorId, IReadOnlyList<AuditEntry> entries)
    {
        await _created.Value;
        var rows = entries.SelectMany(entry => new[] { RowKey(entry.Sequence), RecordIdRowPrefix + entry.Record.RecordId })
            .Concat(entries.SelectMany(entry => SubjectsOf(entry.Record).Select(domain => SubjectRow(domain, entry.Sequence))));
        await Task.WhenAll(rows.Select(row => table.DeleteEntityAsync(requestorId, row)));
    }

    /// <summary>The sequence number under which the record with this id is stored, if it is.</summary>
    internal async Task<long?> SequenceOfAsync(string requestorId, string recordId)
    {
        await _created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(requestorId, RecordIdRowPrefix + recordId, select: ["Sequence"]);
        return row.HasValue ? row.Value!.GetInt64("Sequence") : null;
    }

    private static string SubjectRow(string domain, long sequence) => $"{SubjectRowPrefix}{domain}|{RowKey(sequence)}";

    /// <summary>Lists the requestor in the directory that access reports read; idempotent.</summary>
    internal async Task RegisterLogAsync(string requestorId)
    {
        await _created.Value;
        await table.UpsertEntityAsync(new TableEntity(DirectoryPartition, requestorId), TableUpdateMode.Replace);
    }

    /// <summary>
    /// Indexes granted records by the domains they disclosed, for data subjects' access reports: rows in the
    /// requestor's partition, up to a hundred a transaction. Written after the records (idempotent upserts, so a
    /// retry after a crash is harmless).
    /// </summary>
    internal async Task IndexSubjectsAsync(string requestorId, IReadOnlyList<AuditEntry> entries)
    {
        await _created.Value;
        var rows = entries.SelectMany(entry => SubjectRows(requestorId, entry));
        await Task.WhenAll(rows.Chunk(MaxOperations).Select(chunk =>
            table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)))));
    }

    /// <summary>The (requestor, sequence) of every record that disclosed data of <paramref name="domain"/>.</summary>
    internal async IAsyncEnumerable<(string RequestorId, long Sequence)> SubjectRecordsAsync(string domain)
    {
        await _created.Value;
        var requestors = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {DirectoryPartition}"), select: ["RowKey"]))
            requestors.Add(row.RowKey);
        // One bounded range query per requestor partition, a few at a time.
        var from = $"{SubjectRowPrefix}{domain}|";
        var through = from + "~";
        var found = new List<(string, long)>[requestors.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requestors.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancel) =>
        {
            found[i] = [];
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {requestors[i]} and RowKey ge {from} and RowKey lt {through}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancel))
                found[i].Add((requestors[i], long.Parse(row.RowKey[from.Length..])));
        });
        foreach (var hit in found.SelectMany(list => list))
            yield return hit;
    }

    internal async Task<AuditRow?> ReadOneAsync(string requestorId, long sequence)
    {
        await _created.Value;
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(requestorId, RowKey(sequence));
        if (!entity.HasValue)
            return null;
        var row = entity.Value!;
        var json = string.Concat(Enumerable.Range(0, row.GetInt32("Chunks") ?? 0).Select(i => row.GetString(JsonProperty + i)));
        return new AuditRow(sequence, row.GetString("PreviousHash") ?? "", row.GetString("Hash") ?? "", json);
    }

    /// <summary>Rows after <paramref name="after"/>, in sequence order, optionally of one case and a time range.</summary>
    internal async IAsyncEnumerable<AuditRow> ReadAsync(string requestorId, long after, string? caseId = null, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        await _created.Value;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {requestorId} and RowKey gt {RowKey(after)} and RowKey lt {RecordIdRowPrefix}");
        if (caseId is not null)
            filter += " and " + TableClient.CreateQueryFilter($"CaseId eq {caseId}");
        if (from is { } start)
            filter += " and " + TableClient.CreateQueryFilter($"ReceivedAt ge {start}");
        if (to is { } end)
            filter += " and " + TableClient.CreateQueryFilter($"ReceivedAt lt {end}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter))
        {
            var chunks = entity.GetInt32("Chunks") ?? 0;
            var json = string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(JsonProperty + i)));
            yield return new AuditRow(long.Parse(entity.RowKey), entity.GetString("PreviousHash") ?? "", entity.GetString("Hash") ?? "", json);
        }
    }
}
