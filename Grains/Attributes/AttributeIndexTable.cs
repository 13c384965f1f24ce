using Azure;
using Azure.Data.Tables;

namespace Rds.Grains.Attributes;

/// <summary>
/// Index rows in Azure Table storage: per attribute, a head row with the shard layout and every shard's count, and
/// one row per shard holding its members packed in one binary property (at most 64 KiB, so a 1,000,000-domain
/// attribute is about a thousand rows, not a million). An attribute's rows share one partition (with other
/// attributes', see <see cref="Partitions"/>); its member rows and layout change in one entity-group transaction,
/// guarded by the head row's ETag, so counts are exact whatever fails.
/// </summary>
public sealed class AttributeIndexTable(TableClient table) : IAttributeIndexStore
{
    private const string CountProperty = "Count";

    /// <summary>
    /// Attributes share this many partitions, so that the commits of many small attributes (most are: one email,
    /// one phone) go to storage as one batch instead of one each. Fixed for the life of the data: changing it would
    /// move every attribute's rows.
    /// </summary>
    internal const int Partitions = 16;

    private readonly PartitionBatcher _batcher = new(table, TransactionLimits.Azure);

    private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

    /// <summary>The directory of nameserver names that have members, for trailing-asterisk searches.</summary>
    private const string NameserverDirectory = "dir~ns";

    async Task IAttributeIndexStore.ListNameserverAsync(string name, bool listed)
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
    private const string LayoutProperty = "Layout";
    private const string MembersProperty = "Members";

    /// <summary>Azure Table's limit for one binary property.</summary>
    internal const int MaxPropertyBytes = 64 * 1024;

    /// <summary>
    /// Row key of an attribute's head row (layout and counts): '!' sorts it before the shard rows. Every row key names
    /// its attribute because Azurite looks rows up by row key first and scans the matches, so row keys shared by
    /// many attributes would make each lookup scan all of them.
    /// </summary>
    private static string HeadRowKey(string attributeKey) => "!" + attributeKey;

    private static string ShardRowKey(string attributeKey, int shardId) => $"{attributeKey}~{shardId:x}";

    /// <summary>The head row of an attribute: its shard layout with counts, the row's ETag, and the value; null when it has none.</summary>
    async Task<IndexHead?> IAttributeIndexStore.ReadHeadAsync(string attributeKey)
    {
        await _created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(attributeKey), HeadRowKey(attributeKey));
        if (!row.HasValue)
            return null;
        var layout = new MemoryStream();
        for (var part = 0; row.Value!.GetBinary(LayoutPart(part)) is { } bytes; part++)
            layout.Write(bytes);
        return new IndexHead(ShardLayout.Decode(layout.ToArray()), row.Value.ETag, row.Value.GetString(ValueProperty));
    }

    /// <summary>The members of a shard; a shard without a row has none.</summary>
    async Task<PackedMembers> IAttributeIndexStore.ReadShardAsync(string attributeKey, int shardId)
    {
        await _created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(attributeKey), ShardRowKey(attributeKey, shardId), [MembersProperty]);
        return row.HasValue && row.Value!.GetBinary(MembersProperty) is { } data ? PackedMembers.FromData(data) : PackedMembers.Empty;
    }

    /// <summary>
    /// Writes one planned transaction with the head row, atomically (possibly in one batch with other attributes'
    /// transactions, see <see cref="PartitionBatcher"/>): fails with 412 if the head row changed since
    /// <paramref name="headETag"/>, 409 if it was created meanwhile (no ETag: first write), 404 if a row to delete is
    /// gone. Returns the head row's new ETag.
    /// </summary>
    async Task<ETag> IAttributeIndexStore.CommitAsync(string attributeKey, IndexTransaction transaction, ETag? headETag, string? value)
    {
        await _created.Value;
        var partition = PartitionOf(attributeKey);
        var actions = new List<TableTransactionAction>(transaction.Writes.Count + transaction.Deletes.Count + 1);
        var bytes = 0;
        foreach (var (shardId, members) in transaction.Writes)
        {
            if (members.ByteCount > MaxPropertyBytes)
                throw new InvalidOperationException($"Shard {shardId} of {attributeKey} holds {members.ByteCount} bytes, over the {MaxPropertyBytes}-byte property limit.");
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, ShardRowKey(attributeKey, shardId)) { [MembersProperty] = members.Data }));
            bytes += TransactionLimits.EncodedSize(members.ByteCount);
        }
        actions.AddRange(transaction.Deletes.Select(shardId =>
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, ShardRowKey(attributeKey, shardId)), ETag.All)));
        bytes += transaction.Deletes.Count * TransactionLimits.EncodedSize(0);
        var head = new TableEntity(partition, HeadRowKey(attributeKey)) { [CountProperty] = ShardLayout.Total(transaction.Layout) };
        var layout = ShardLayout.Encode(transaction.Layout);
        for (var part = 0; part * MaxPropertyBytes < layout.Length; part++)
            head[LayoutPart(part)] = layout[(part * MaxPropertyBytes)..Math.Min(layout.Length, (part + 1) * MaxPropertyBytes)];
        if (value is not null)
            head[ValueProperty] = value;
        actions.Add(headETag is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, head));
        bytes += TransactionLimits.EncodedSize(layout.Length + 2 * (value?.Length ?? 0));
        var responses = await _batcher.SubmitAsync(partition, actions, bytes);
        return responses[^1].Headers.ETag ?? default;
    }

    /// <summary>The partition of an attribute's rows: a stable hash (FNV-1a) of its key, the same in every process.</summary>
    internal static string PartitionOf(string attributeKey)
    {
        var hash = 2166136261u;
        foreach (var c in attributeKey)
            hash = (hash ^ c) * 16777619u;
        return $"attr~{hash % Partitions:x2}";
    }

    private static string LayoutPart(int part) => part == 0 ? LayoutProperty : LayoutProperty + part;
}
