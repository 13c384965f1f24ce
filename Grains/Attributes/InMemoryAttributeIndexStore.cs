using System.Collections.Immutable;
using System.Globalization;
using Azure;

namespace Rds.Grains.Attributes;

/// <summary>
/// The attribute index in the silo's memory, with Azure Table's answers (ETags, 404/409/412) so that the grains above
/// it run unchanged. For benchmarks only: the storage emulator slows with every row it holds and cannot take the
/// millions of rows of a large registry's index, and this store dies with the silo. Shards are kept as committed
/// (the grains' immutable <see cref="PackedMembers"/>), not copied.
/// </summary>
public sealed class InMemoryAttributeIndexStore : IAttributeIndexStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Head> _heads = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Attribute, int Shard), PackedMembers> _shards = [];
    private readonly SortedSet<string> _nameservers = new(StringComparer.Ordinal);
    private long _version;

    Task<IndexHead?> IAttributeIndexStore.ReadHeadAsync(string attributeKey)
    {
        lock (_lock)
            return Task.FromResult(_heads.TryGetValue(attributeKey, out var head) ? new IndexHead(head.Layout, head.ETag, head.Value) : null);
    }

    Task<PackedMembers> IAttributeIndexStore.ReadShardAsync(string attributeKey, int shardId)
    {
        lock (_lock)
            return Task.FromResult(_shards.GetValueOrDefault((attributeKey, shardId)) ?? PackedMembers.Empty);
    }

    Task<ETag> IAttributeIndexStore.CommitAsync(string attributeKey, IndexTransaction transaction, ETag? headETag, string? value)
    {
        lock (_lock)
        {
            var exists = _heads.TryGetValue(attributeKey, out var head);
            if (headETag is null && exists)
                throw new RequestFailedException(409, $"The head row of {attributeKey} exists already.");
            if (headETag is { } expected && (!exists || head!.ETag != expected))
                throw new RequestFailedException(exists ? 412 : 404, $"The head row of {attributeKey} changed.");
            if (transaction.Deletes.FirstOrDefault(shardId => !_shards.ContainsKey((attributeKey, shardId)), -1) is var missing and >= 0)
                throw new RequestFailedException(404, $"Shard {missing} of {attributeKey} is gone.");
            foreach (var (shardId, members) in transaction.Writes)
                _shards[(attributeKey, shardId)] = members;
            foreach (var shardId in transaction.Deletes)
                _shards.Remove((attributeKey, shardId));
            var etag = new ETag((++_version).ToString(CultureInfo.InvariantCulture));
            _heads[attributeKey] = new Head(transaction.Layout, etag, value);
            return Task.FromResult(etag);
        }
    }

    Task IAttributeIndexStore.ListNameserverAsync(string name, bool listed)
    {
        lock (_lock)
        {
            if (listed)
                _nameservers.Add(name);
            else
                _nameservers.Remove(name);
        }
        return Task.CompletedTask;
    }

    Task<List<string>> IAttributeIndexStore.NameserversWithPrefixAsync(string prefix, int limit, string? after)
    {
        lock (_lock)
        {
            var names = _nameservers.GetViewBetween(prefix, prefix + "~")
                .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(name, after) > 0))
                .Take(limit)
                .ToList();
            return Task.FromResult(names);
        }
    }

    private sealed record Head(ImmutableArray<ShardRange> Layout, ETag ETag, string? Value);
}
