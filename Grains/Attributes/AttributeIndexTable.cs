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
    /// <summary>Member rows are A-labels, which start with a letter or digit: none sorts below "0".</summary>
    private const string FirstMemberKey = "0";
    private const string CountProperty = "Count";
    private const int MaxBatch = 100;

    private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

    internal static string PartitionKey(string attributeKey, int shardId) => $"{attributeKey}~{shardId:x4}";

    /// <summary>
    /// Row key of a shard's count row: '!' sorts it before every member. It names its partition because Azurite
    /// looks rows up by row key first and scans the matches, so one shared row key would make every count row
    /// operation scan all of them.
    /// </summary>
    private static string CountRowKey(string partition) => "!" + partition;

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

    /// <summary>
    /// Nameserver names starting with <paramref name="prefix"/> (after <paramref name="after"/>, exclusive, when
    /// given), in order, at most <paramref name="limit"/>.
    /// </summary>
    public async Task<List<string>> NameserversWithPrefixAsync(string prefix, int limit, string? after = null)
    {
        await _created.Value;
        // Names are LDH, so every name with the prefix sorts below prefix + '~' (0x7E, above every LDH character).
        var filter = after is null || string.CompareOrdinal(after, prefix) < 0
            ? TableClient.CreateQueryFilter($"PartitionKey eq {NameserverDirectory} and RowKey ge {prefix} and RowKey lt {prefix + "~"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {NameserverDirectory} and RowKey gt {after} and RowKey lt {prefix + "~"}");
        var names = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), select: ["RowKey"]))
        {
            names.Add(row.RowKey);
            if (names.Count == limit)
                break;
        }
        return names;
    }

    private const string ValueProperty = "Value";

    /// <summary>A shard's count, the ETag of its count row, and the attribute's value (kept on shard 0's count row).</summary>
    internal async Task<ShardCount> ReadCountAsync(string partition)
    {
        await _created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, CountRowKey(partition));
        return row.HasValue
            ? new ShardCount(row.Value!.GetInt64(CountProperty) ?? 0, row.Value.ETag, row.Value.GetString(ValueProperty))
            : new ShardCount(0, null, null);
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

    /// <summary>
    /// Adds and removes members (at most 99 changes) and sets the count, atomically; fails if the count row changed
    /// (412) or, with <paramref name="addsAreNew"/>, if an added member already exists (409). Returns the new ETag.
    /// </summary>
    internal async Task<ETag> CommitAsync(string partition, IEnumerable<string> adds, IEnumerable<string> removes, long count, ETag? countETag, string? value, bool addsAreNew)
    {
        await _created.Value;
        var addType = addsAreNew ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace;
        var actions = new List<TableTransactionAction>();
        actions.AddRange(adds.Select(d => new TableTransactionAction(addType, new TableEntity(partition, d))));
        actions.AddRange(removes.Select(d => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, d), ETag.All)));
        var countRow = new TableEntity(partition, CountRowKey(partition)) { [CountProperty] = count };
        if (value is not null)
            countRow[ValueProperty] = value;
        actions.Add(countETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, countRow, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, countRow));
        var responses = await table.SubmitTransactionAsync(actions);
        return responses.Value[^1].Headers.ETag ?? default;
    }

    /// <summary>Member domains of a partition after <paramref name="after"/> (exclusive), in order, at most <paramref name="limit"/>.</summary>
    internal async Task<List<string>> MembersAsync(string partition, string? after, int limit, string? before = null)
    {
        await _created.Value;
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {FirstMemberKey}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
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
        await table.UpsertEntityAsync(new TableEntity(partition, CountRowKey(partition)) { [CountProperty] = (long)domains.Count }, TableUpdateMode.Merge);
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
        // Merge keeps the attribute's value on shard 0's count row.
        await table.UpsertEntityAsync(new TableEntity(partition, CountRowKey(partition)) { [CountProperty] = remaining }, TableUpdateMode.Merge);
    }

    /// <summary>Deletes a whole partition (an abandoned split target).</summary>
    internal async Task ClearAsync(string partition)
    {
        await _created.Value;
        await TruncateAsync(partition, FirstMemberKey);
        await table.DeleteEntityAsync(partition, CountRowKey(partition));
    }

    private async Task<long> CountMembersAsync(string partition)
    {
        long count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {FirstMemberKey}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            count++;
        return count;
    }
}
