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

    private readonly Dictionary<string, bool> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _counts = [];
    private TaskCompletionSource _nextFlush = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _flushing = Task.CompletedTask;
    private AttributeValue? _firstValue;

    // Unknown after activation; the first flush writes the directory row either way (idempotent).
    private bool? _listedInDirectory;

    private string Key => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Split is { } split)
            await FinishOrUndoSplitAsync(split);
        await Task.WhenAll(state.State.Shards.Select(async shard =>
        {
            var (count, _) = await table.ReadCountAsync(AttributeIndexTable.PartitionKey(Key, shard.ShardId));
            lock (_counts)
                _counts[shard.ShardId] = count;
        }));
    }

    async Task IAttributeGrain.ApplyAsync(AttributeValue value, ImmutableArray<MembershipChange> changes)
    {
        if (state.State.Value is null && _firstValue is null)
        {
            if (AttributeKey.Of(value) != Key)
                throw new ArgumentException($"The value {value} does not belong to attribute grain {Key}.", nameof(value));
            _firstValue = value;
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
        return _counts.Values.Sum();
    }

    async Task<AttributePage> IAttributeGrain.ListAsync(string? after, int limit)
    {
        await _flushing;
        limit = Math.Clamp(limit, 1, 10_000);
        var shards = state.State.Shards;
        var domains = new List<string>(limit);
        for (var i = after is null ? 0 : ShardLayout.IndexOf(shards, after); i < shards.Length && domains.Count < limit; i++)
        {
            var upper = i + 1 < shards.Length ? shards[i + 1].LowerBound : null;
            var partition = AttributeIndexTable.PartitionKey(Key, shards[i].ShardId);
            domains.AddRange(await table.MembersAsync(partition, after, limit - domains.Count, upper));
        }
        var total = _counts.Values.Sum();
        var last = domains.Count == limit ? domains[^1] : null;
        return new AttributePage { Domains = [.. domains], Next = last, Count = total };
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
                if (state.State.Value is null && _firstValue is { } value)
                {
                    state.State = state.State with { Value = value };
                    await state.WriteStateAsync();
                }
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
        foreach (var chunk in changes.Chunk(ChangesPerTransaction))
        {
            for (var attempt = 1; ; attempt++)
            {
                var (count, etag) = await table.ReadCountAsync(partition);
                var existing = await table.ExistingAsync(partition, [.. chunk.Select(c => c.Key)]);
                var adds = chunk.Where(c => c.Value && !existing.Contains(c.Key)).Select(c => c.Key).ToList();
                var removes = chunk.Where(c => !c.Value && existing.Contains(c.Key)).Select(c => c.Key).ToList();
                if (adds.Count == 0 && removes.Count == 0)
                {
                    _counts[shardId] = count;
                    break;
                }
                try
                {
                    var newCount = count + adds.Count - removes.Count;
                    await table.CommitAsync(partition, adds, removes, newCount, etag);
                    _counts[shardId] = newCount;
                    break;
                }
                catch (RequestFailedException conflict) when (conflict.Status is 409 or 412 && attempt < 3)
                {
                    // Another activation of this grain (after a failover) wrote meanwhile: re-read and retry.
                }
            }
        }
    }

    // Nameserver names with members are listed for pattern searches; an emptied name leaves the list.
    private async Task UpdateNameserverDirectoryAsync()
    {
        if (state.State.Value is not { Kind: AttributeKind.NameserverName } value)
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
        _counts[split.Target] = moving.Count;
        _counts[split.Source] = members.Count - moving.Count;
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
