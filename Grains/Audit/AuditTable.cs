using Azure.Data.Tables;
using Rds.Audit;

namespace Rds.Grains.Audit;

/// <summary>
/// The append-only audit table: partition = requestor, row = zero-padded sequence number, so a requestor's log is
/// one partition in order and a batch of its entries is one entity-group transaction. Entries are only ever added:
/// an add of an existing row fails, so nothing here can overwrite a record. Beside each entry, in the same
/// transaction, a row keyed by the record's id: a record delivered twice cannot be stored twice.
/// </summary>
public sealed class AuditTable(TableClient table)
{
    /// <summary>Azure Table: at most 100 operations per transaction, two per record.</summary>
    public const int MaxBatch = 50;

    // Sorts after every sequence row key (digits), so reading entries in order is one bounded range.
    private const string RecordIdRowPrefix = "~id|";

    /// <summary>Strings up to 64 KiB per property; the JSON is split into chunks of this many characters.</summary>
    private const int ChunkChars = 30_000;
    private const string JsonProperty = "Record";

    private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

    private static string RowKey(long sequence) => sequence.ToString("D19");

    internal async Task AppendAsync(string requestorId, IReadOnlyList<(AuditEntry Entry, string Json)> entries)
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
        await table.SubmitTransactionAsync(actions.SelectMany(pair => pair));
    }

    /// <summary>
    /// Deletes entries at the end of their retention: their rows, their record-id rows and their subject-index rows.
    /// Deleting a row already gone is not an error, so a pass cut short can simply run again.
    /// </summary>
    internal async Task DeleteAsync(string requestorId, IReadOnlyList<AuditEntry> entries)
    {
        await _created.Value;
        var rows = entries.SelectMany(entry => new[] { RowKey(entry.Sequence), RecordIdRowPrefix + entry.Record.RecordId });
        await Task.WhenAll(rows.Select(row => table.DeleteEntityAsync(requestorId, row)));
        var subjects = entries.SelectMany(entry => entry.Record.Domains.Distinct().Select(domain => (SubjectPartition(domain), SubjectRow(requestorId, entry.Sequence))));
        await Task.WhenAll(subjects.Select(subject => table.DeleteEntityAsync(subject.Item1, subject.Item2)));
    }

    /// <summary>The sequence number under which the record with this id is stored, if it is.</summary>
    internal async Task<long?> SequenceOfAsync(string requestorId, string recordId)
    {
        await _created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(requestorId, RecordIdRowPrefix + recordId, select: ["Sequence"]);
        return row.HasValue ? row.Value!.GetInt64("Sequence") : null;
    }

    // Subject rows live in the same table, in partitions no requestor id can take (requestor ids have no '|').
    private static string SubjectPartition(string domain) => "subject|domain|" + domain;

    private static string SubjectRow(string requestorId, long sequence) => $"{requestorId}|{RowKey(sequence)}";

    /// <summary>
    /// Indexes granted records by the domains they disclosed, for data subjects' access reports. Written after the
    /// records (idempotent upserts, so a retry after a crash is harmless).
    /// </summary>
    internal async Task IndexSubjectsAsync(string requestorId, IReadOnlyList<AuditEntry> entries)
    {
        await _created.Value;
        var rows = entries.SelectMany(entry => entry.Record.Domains.Distinct().Select(domain => new TableEntity(SubjectPartition(domain), SubjectRow(requestorId, entry.Sequence))
        {
            ["ReceivedAt"] = entry.Record.ReceivedAt,
        }));
        await Task.WhenAll(rows.Select(row => table.UpsertEntityAsync(row, TableUpdateMode.Replace)));
    }

    /// <summary>The (requestor, sequence) of every record that disclosed data of <paramref name="domain"/>.</summary>
    internal async IAsyncEnumerable<(string RequestorId, long Sequence)> SubjectRecordsAsync(string domain)
    {
        await _created.Value;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SubjectPartition(domain)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            var separator = row.RowKey.LastIndexOf('|');
            yield return (row.RowKey[..separator], long.Parse(row.RowKey[(separator + 1)..]));
        }
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
