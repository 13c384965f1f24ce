using Azure;
using Azure.Data.Tables;

namespace Rds.Grains.Attributes;

/// <summary>
/// Index rows in Azure Table storage: partition = attribute key and shard, row = member domain, plus one count
/// row per partition. A member change and its count change go in one entity-group transaction, so the count of a
/// shard is exact whatever fails.
/// </summary>
public sealed class AttributeIndexTable(TableClient table)
{
    /// <summary>Row key of a shard's count row; '!' sorts before every character of an A-label.</summary>
    internal const string CountRowKey = "!count";
    private const string CountProperty = "Count";
    private const int MaxBatch = 100;

    private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

    internal static string PartitionKey(string attributeKey, int shardId) => $"{attributeKey}~{shardId:x4}";

    /// <summary>The directory of nameserver names that have members, for trailing-asterisk searches.</summary>
    private const string NameserverDirectory = "dir~ns";

    internal async Task ListNameserverAsync(string name, bool listed)
    {
        await _created.Value;
        if (listed)
            await table.UpsertEntityAsync(new TableEntity(NameserverDirectory, name), TableUpdateMode.Replace);
        else
            await table.DeleteEntityAsync(NameserverDirectory, name, ETag.All);
    }

    /// <summary>Nameserver names starting with <paramref name="prefix"/>, in order, at most <paramref name="limit"/>.</summary>
    public async Task<List<string>> NameserversWithPrefixAsync(string prefix, int limit)
    {
        await _created.Value;
        // Names are LDH, so every name with the prefix sorts below prefix + '~' (0x7E, above every LDH character).
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {NameserverDirectory} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var names = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), select: ["RowKey"]))
        {
            names.Add(row.RowKey);
            if (names.Count == limit)
                break;
        }
        return names;
    }

    internal async Task<(long Count, ETag? ETag)> ReadCountAsync(string partition)
    {
        await _created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, CountRowKey);
        return row.HasValue ? (row.Value!.GetInt64(CountProperty) ?? 0, row.Value.ETag) : (0, null);
    }

    /// <summary>Which of <paramref name="domains"/> (at most 99) are members of the partition.</summary>
    internal async Task<HashSet<string>> ExistingAsync(string partition, IReadOnlyCollection<string> domains)
    {
        await _created.Value;
        var rowFilter = string.Join(" or ", domains.Select(d => TableClient.CreateQueryFilter($"RowKey eq {d}")));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + $" and ({rowFilter})";
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            existing.Add(row.RowKey);
        return existing;
    }

    /// <summary>Adds and removes members (at most 99 changes) and sets the count, atomically; fails if the count row changed.</summary>
    internal async Task CommitAsync(string partition, IEnumerable<string> adds, IEnumerable<string> removes, long count, ETag? countETag)
    {
        var actions = new List<TableTransactionAction>();
        actions.AddRange(adds.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, d))));
        actions.AddRange(removes.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, d), ETag.All)));
        var countRow = new TableEntity(partition, CountRowKey) { [CountProperty] = count };
        actions.Add(countETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, countRow, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, countRow));
        await table.SubmitTransactionAsync(actions);
    }

    /// <summary>Member domains of a partition after <paramref name="after"/> (exclusive), in order, at most <paramref name="limit"/>.</summary>
    internal async Task<List<string>> MembersAsync(string partition, string? after, int limit, string? before = null)
    {
        await _created.Value;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after ?? CountRowKey}");
        if (before is not null)
            filter += " and " + TableClient.CreateQueryFilter($"RowKey lt {before}");
        var members = new List<string>(Math.Min(limit, 1000));
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), select: ["RowKey"]))
        {
            members.Add(row.RowKey);
            if (members.Count == limit)
                break;
        }
        return members;
    }

    /// <summary>Writes members and a count into a partition, replacing what is there (idempotent; used by splits).</summary>
    internal async Task WriteAllAsync(string partition, IReadOnlyList<string> domains)
    {
        await _created.Value;
        foreach (var chunk in domains.Chunk(MaxBatch))
            await table.SubmitTransactionAsync(chunk.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, d))));
        await table.UpsertEntityAsync(new TableEntity(partition, CountRowKey) { [CountProperty] = (long)domains.Count }, TableUpdateMode.Replace);
    }

    /// <summary>Deletes members of a partition from <paramref name="from"/> (inclusive) on, and sets the count to what remains.</summary>
    internal async Task TruncateAsync(string partition, string from)
    {
        await _created.Value;
        var doomed = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            doomed.Add(row.RowKey);
        foreach (var chunk in doomed.Chunk(MaxBatch))
            await table.SubmitTransactionAsync(chunk.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, d), ETag.All)));
        var remaining = await CountMembersAsync(partition);
        await table.UpsertEntityAsync(new TableEntity(partition, CountRowKey) { [CountProperty] = remaining }, TableUpdateMode.Replace);
    }

    /// <summary>Deletes a whole partition (an abandoned split target).</summary>
    internal async Task ClearAsync(string partition)
    {
        await _created.Value;
        await TruncateAsync(partition, CountRowKey + "\0");
        await table.DeleteEntityAsync(partition, CountRowKey);
    }

    private async Task<long> CountMembersAsync(string partition)
    {
        long count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {CountRowKey}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            count++;
        return count;
    }
}
