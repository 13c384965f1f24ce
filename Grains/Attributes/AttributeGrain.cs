using System.Collections.Immutable;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using Rds.Attributes;

namespace Rds.Grains.Attributes;

/// <summary>
/// The index of one attribute value. Reentrant so that concurrent changes from many domain grains queue up and
/// are committed together (group commit: one table transaction per shard per flush instead of one per domain);
/// only the single flush loop touches storage, so the grain's turns never race on it.
/// </summary>
[Reentrant]
internal sealed class AttributeGrain(
    [PersistentState("attribute", StorageNames.Registry)] IPersistentState<AttributeState> state,
    AttributeIndexTable table,
    IOptions<AttributeIndexOptions> options,
    ILogger<AttributeGrain> logger) : Grain, IAttributeGrain
{
    private const int ChangesPerTransaction = 99;

    /// <summary>Attributes with at most this many members keep them in memory: pivots and searches read them often.</summary>
    private const long CachedMembersLimit = 100_000;

    private readonly Dictionary<string, bool> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _counts = [];

    // This grain is the only writer of its count rows, so their ETags are kept rather than re-read before each commit.
    private readonly Dictionary<int, ETag?> _etags = [];
    private bool _countsLoaded;

    // Members of shards read since activation, kept in step with every commit; a shard's version changes with each
    // commit so that a load overlapping a commit is detected and redone.
    private readonly Dictionary<int, SortedSet<string>> _members = [];
    private readonly Dictionary<int, long> _versions = [];
    private TaskCompletionSource _nextFlush = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _flushing = Task.CompletedTask;
    private AttributeValue? _value;

    // Unknown after activation; the first flush writes the directory row either way (idempotent).
    private bool? _listedInDirectory;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Split is { } split)
            await FinishOrUndoSplitAsync(split);
    }

    // Counts are read when first needed, not on activation: an attribute met for the first time then costs one
    // transaction instead of a read and a transaction (its count row is created optimistically, see CommitShardAsync).
    private async Task EnsureCountsAsync()
    {
        if (_countsLoaded)
            return;
        var shards = state.State.Shards;
        var counts = await Task.WhenAll(shards.Select(shard => table.ReadCountAsync(AttributeIndexTable.PartitionKey(Key, shard.ShardId))));
        for (var i = 0; i < counts.Length; i++)
        {
            _counts[shards[i].ShardId] = counts[i].Count;
            _etags[shards[i].ShardId] = counts[i].ETag;
        }
        _countsLoaded = true;
    }

    async Task IAttributeGrain.ApplyAsync(AttributeValue value, ImmutableArray<MembershipChange> changes)
    {
        if (_value is null)
        {
            if (AttributeKey.Of(value) != Key)
                throw new ArgumentException($"The value {value} does not belong to attribute grain {Key}.", nameof(value));
            _value = value;
        }
        foreach (var change in changes)
            _queued[change.Domain] = change.Member;
        var committed = _nextFlush.Task;
        if (_flushing.IsCompleted)
            _flushing = FlushLoopAsync();
        await committed;
    }

    async Task<long> IAttributeGrain.CountAsync()
    {
        await _flushing;
        await EnsureCountsAsync();
        return _counts.Values.Sum();
    }

    async Task<AttributePage> IAttributeGrain.ListAsync(string? after, int limit)
    {
        await _flushing;
        await EnsureCountsAsync();
        limit = Math.Clamp(limit, 1, 10_000);
        var shards = state.State.Shards;
        var domains = new List<string>(limit);
        var cached = _counts.Values.Sum() <= CachedMembersLimit;
        for (var i = after is null ? 0 : ShardLayout.IndexOf(shards, after); i < shards.Length && domains.Count < limit; i++)
        {
            var upper = i + 1 < shards.Length ? shards[i + 1].LowerBound : null;
            if (cached)
            {
                var members = await MembersOfAsync(shards[i].ShardId);
                domains.AddRange(members
                    .Where(d => (after is null || string.CompareOrdinal(d, after) > 0) && (upper is null || string.CompareOrdinal(d, upper) < 0))
                    .Take(limit - domains.Count));
            }
            else
            {
                var partition = AttributeIndexTable.PartitionKey(Key, shards[i].ShardId);
                domains.AddRange(await table.MembersAsync(partition, after, limit - domains.Count, upper));
            }
        }
        var total = _counts.Values.Sum();
        var last = domains.Count == limit ? domains[^1] : null;
        return new AttributePage { Domains = [.. domains], Next = last, Count = total };
    }

    // Over the cap the members are not read at all: a big host's nameserver is counted from its count rows only.
    async Task<AttributePage> IAttributeGrain.ExpandAsync(int fanOutCap, int limit)
    {
        await _flushing;
        await EnsureCountsAsync();
        var count = _counts.Values.Sum();
        return count > fanOutCap || count == 0
            ? new AttributePage { Count = count }
            : await ((IAttributeGrain)this).ListAsync(null, limit);
    }

    private async Task<SortedSet<string>> MembersOfAsync(int shardId)
    {
        while (true)
        {
            if (_members.TryGetValue(shardId, out var members))
                return members;
            var version = _versions.GetValueOrDefault(shardId);
            var loaded = await table.MembersAsync(AttributeIndexTable.PartitionKey(Key, shardId), null, int.MaxValue);
            if (version == _versions.GetValueOrDefault(shardId) && !_members.ContainsKey(shardId))
                _members[shardId] = new SortedSet<string>(loaded, StringComparer.Ordinal);
        }
    }

    private async Task FlushLoopAsync()
    {
        while (_queued.Count > 0)
        {
            var batch = _queued.ToArray();
            _queued.Clear();
            var waiters = _nextFlush;
            _nextFlush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                var shards = state.State.Shards;
                await Task.WhenAll(batch
                    .GroupBy(change => shards[ShardLayout.IndexOf(shards, change.Key)].ShardId)
                    .Select(group => CommitShardAsync(group.Key, [.. group])));
                await SplitOversizedShardsAsync();
                await UpdateNameserverDirectoryAsync();
                waiters.SetResult();
            }
            catch (Exception failure)
            {
                logger.LogWarning(failure, "Index commit failed for attribute {Attribute}", Key);
                waiters.SetException(failure);
                // Changes queued meanwhile fail too; their domain grains replay them. Counts may no longer match
                // storage, so the next activation reloads them from the count rows.
                var queuedWaiters = _nextFlush;
                _nextFlush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _queued.Clear();
                queuedWaiters.TrySetException(failure);
                DeactivateOnIdle();
                return;
            }
        }
    }

    private async Task CommitShardAsync(int shardId, KeyValuePair<string, bool>[] changes)
    {
        var partition = AttributeIndexTable.PartitionKey(Key, shardId);
        var value = shardId == 0 && _value is { } known ? $"{known.Kind}:{known.Value}" : null;
        foreach (var chunk in changes.Chunk(ChangesPerTransaction))
        {
            // Most changes add new members: try that in one round trip (creating the count row if its state is not
            // known yet), and look up what exists only if that fails.
            var optimistic = chunk.All(c => c.Value);
            for (var attempt = 1; ; attempt++)
            {
                var count = _counts.GetValueOrDefault(shardId);
                List<string> adds, removes;
                if (optimistic)
                {
                    adds = [.. chunk.Select(c => c.Key)];
                    removes = [];
                }
                else
                {
                    var existing = await table.ExistingAsync(partition, [.. chunk.Select(c => c.Key)]);
                    adds = [.. chunk.Where(c => c.Value && !existing.Contains(c.Key)).Select(c => c.Key)];
                    removes = [.. chunk.Where(c => !c.Value && existing.Contains(c.Key)).Select(c => c.Key)];
                    if (adds.Count == 0 && removes.Count == 0)
                        break;
                }
                try
                {
                    var newCount = count + adds.Count - removes.Count;
                    _etags[shardId] = await table.CommitAsync(partition, adds, removes, newCount, _etags.GetValueOrDefault(shardId), value, addsAreNew: optimistic);
                    _counts[shardId] = newCount;
                    _versions[shardId] = _versions.GetValueOrDefault(shardId) + 1;
                    if (_members.TryGetValue(shardId, out var members))
                    {
                        members.UnionWith(adds);
                        members.ExceptWith(removes);
                    }
                    break;
                }
                catch (RequestFailedException refused) when (refused.Status is 409 or 412 && attempt < 4)
                {
                    // 409: some member already existed; 412: the count row changed under another activation of this
                    // grain (after a failover). Either way, re-read and do it the careful way.
                    optimistic = false;
                    _members.Remove(shardId);
                    _versions[shardId] = _versions.GetValueOrDefault(shardId) + 1;
                    var current = await table.ReadCountAsync(partition);
                    _counts[shardId] = current.Count;
                    _etags[shardId] = current.ETag;
                }
            }
        }
    }

    // Nameserver names with members are listed for pattern searches; an emptied name leaves the list.
    private async Task UpdateNameserverDirectoryAsync()
    {
        if (_value is not { Kind: AttributeKind.NameserverName } value)
            return;
        var listed = _counts.Values.Sum() > 0;
        if (listed == _listedInDirectory)
            return;
        await table.ListNameserverAsync(value.Value, listed);
        _listedInDirectory = listed;
    }

    private async Task SplitOversizedShardsAsync()
    {
        var capacity = options.Value.ShardCapacity;
        // Only shards just committed can have grown; their counts are known.
        foreach (var shard in state.State.Shards.ToArray())
        {
            if (_counts.GetValueOrDefault(shard.ShardId) > capacity)
                await SplitAsync(shard);
        }
    }

    // Moves the upper half of a shard to a new one: record the intent, copy, commit the layout, then delete.
    private async Task SplitAsync(ShardRange shard)
    {
        var source = AttributeIndexTable.PartitionKey(Key, shard.ShardId);
        var members = await table.MembersAsync(source, null, int.MaxValue);
        if (members.Count < 2)
            return;
        var boundary = members[members.Count / 2];
        var split = new PendingSplit(shard.ShardId, state.State.NextShardId, boundary, Committed: false);
        state.State = state.State with { Split = split, NextShardId = split.Target + 1 };
        await state.WriteStateAsync();

        var moving = members.GetRange(members.Count / 2, members.Count - members.Count / 2);
        await table.WriteAllAsync(AttributeIndexTable.PartitionKey(Key, split.Target), moving);
        state.State = state.State with
        {
            Shards = ShardLayout.Split(state.State.Shards, split.Source, boundary, split.Target),
            Split = split with { Committed = true },
        };
        await state.WriteStateAsync();
        await FinishOrUndoSplitAsync(state.State.Split!);
        foreach (var shardId in new[] { split.Source, split.Target })
        {
            _members.Remove(shardId);
            _versions[shardId] = _versions.GetValueOrDefault(shardId) + 1;
            var current = await table.ReadCountAsync(AttributeIndexTable.PartitionKey(Key, shardId));
            _counts[shardId] = current.Count;
            _etags[shardId] = current.ETag;
        }
        logger.LogInformation("Attribute {Attribute} split shard {Source} at {Boundary} into {Target}; {Shards} shards",
            Key, split.Source, boundary, split.Target, state.State.Shards.Length);
    }

    private async Task FinishOrUndoSplitAsync(PendingSplit split)
    {
        if (split.Committed)
            await table.TruncateAsync(AttributeIndexTable.PartitionKey(Key, split.Source), split.Boundary);
        else
            await table.ClearAsync(AttributeIndexTable.PartitionKey(Key, split.Target));
        state.State = state.State with { Split = null };
        await state.WriteStateAsync();
    }
}
