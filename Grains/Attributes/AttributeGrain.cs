using System.Collections.Immutable;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;
using Rds.Attributes;
using Rds.Grains.Pivots;

namespace Rds.Grains.Attributes;

/// <summary>
/// The index of one attribute value. Reentrant so that concurrent changes from many domain grains queue up and
/// are committed together (group commit: one table transaction per flush for most flushes, instead of one per
/// domain); only the single flush loop touches storage, so the grain's turns never race on it.
/// </summary>
[Reentrant]
internal sealed class AttributeGrain(
    IAttributeIndexStore table,
    IOptions<AttributeIndexOptions> options,
    ActiveAttributeMembers activeMembers,
    ILogger<AttributeGrain> logger) : Grain, IAttributeGrain
{
    private readonly Dictionary<string, bool> _queued = new(StringComparer.Ordinal);
    private TaskCompletionSource _nextFlush = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _flushing = Task.CompletedTask;
    private AttributeValue? _value;

    // The head row as last read or written. This grain is its only writer, so its ETag is kept rather than re-read
    // before each commit. Not read on activation: an attribute met for the first time then costs one transaction
    // instead of a read and a transaction (its head row is created optimistically, see CommitAsync).
    private ImmutableArray<ShardRange> _layout = ShardLayout.Initial;
    private ETag? _etag;
    private bool _headLoaded;

    // Members of shards read since activation, by shard id, kept in step with every commit while the attribute is
    // within CachedMembersLimit. The generation changes with each commit, so that a read overlapping a commit is
    // not cached.
    private readonly Dictionary<int, PackedMembers> _shards = [];
    private long _generation;

    // Set once a pivot has expanded this attribute: from then on every change republishes what the next expansion
    // would answer, so that pivots in this silo read it without a call.
    private bool _published;

    // Unknown after activation; the first flush writes the directory row either way (idempotent).
    private bool? _listedInDirectory;

    private string Key => this.GetPrimaryKeyString();

    private bool Cacheable => ShardLayout.Total(_layout) <= options.Value.CachedMembersLimit;

    async Task IAttributeGrain.ApplyAsync(AttributeValue value, ImmutableArray<MembershipChange> changes)
    {
        if (_value is null)
        {
            if (AttributeKey.Of(value) != Key)
                throw new ArgumentException($"The value {value} does not belong to attribute grain {Key}.", nameof(value));
            _value = value;
        }
        foreach (var change in changes)
            PackedMembers.EnsureStorable(change.Domain);
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
        await EnsureHeadAsync();
        return ShardLayout.Total(_layout);
    }

    async Task<AttributePage> IAttributeGrain.ListAsync(string? after, int limit)
    {
        await _flushing;
        await EnsureHeadAsync();
        limit = Math.Clamp(limit, 1, 10_000);
        var layout = _layout;
        var domains = new List<string>(limit);
        var i = after is null ? 0 : ShardLayout.IndexOf(layout, after);
        while (i < layout.Length && domains.Count < limit)
        {
            // The counts say which shards can fill the page: those are read together.
            var end = i;
            long available = 0;
            while (end < layout.Length && available < limit - domains.Count)
                available += layout[end++].Count;
            var shards = await Task.WhenAll(Enumerable.Range(i, end - i).Select(k => MembersOfAsync(layout[k])));
            foreach (var members in shards)
            {
                var from = after is null ? 0 : members.IndexAfter(after);
                domains.AddRange(members.Range(from, from + Math.Min(members.Count - from, limit - domains.Count)));
                if (domains.Count == limit)
                    break;
            }
            i = end;
        }
        var last = domains.Count == limit ? domains[^1] : null;
        return new AttributePage { Domains = [.. domains], Next = last, Count = ShardLayout.Total(layout) };
    }

    // Over the cap the members are not read at all: a big host's nameserver is counted from its head row only.
    async Task<AttributePage> IAttributeGrain.ExpandAsync(int fanOutCap, int limit)
    {
        await _flushing;
        await EnsureHeadAsync();
        var count = ShardLayout.Total(_layout);
        var page = count > fanOutCap || count == 0
            ? new AttributePage { Count = count }
            : await ((IAttributeGrain)this).ListAsync(null, limit);
        _published = true;
        Publish();
        return page;
    }

    // What the next expansion would answer, from the committed layout and the shards in memory; withdrawn while the
    // layout is unknown. Called in the same turn as every change to either.
    private void Publish()
    {
        if (!_published)
            return;
        if (!_headLoaded)
        {
            activeMembers.Withdraw(Key);
            return;
        }
        ImmutableArray<PackedMembers>.Builder? shards = ImmutableArray.CreateBuilder<PackedMembers>(_layout.Length);
        foreach (var shard in _layout)
        {
            if (shard.Count == 0)
                continue;
            if (!_shards.TryGetValue(shard.ShardId, out var members))
            {
                shards = null;
                break;
            }
            shards.Add(members);
        }
        activeMembers.Publish(Key, new PublishedMembers(ShardLayout.Total(_layout), shards?.ToImmutable()), GrainContext.Deactivated);
    }

    private async Task EnsureHeadAsync()
    {
        while (!_headLoaded)
        {
            var generation = _generation;
            var head = await table.ReadHeadAsync(Key);
            if (_headLoaded || generation != _generation)
                continue;
            _layout = head?.Layout ?? ShardLayout.Initial;
            _etag = head?.ETag;
            _headLoaded = true;
        }
    }

    private async Task<PackedMembers> MembersOfAsync(ShardRange shard)
    {
        if (shard.Count == 0)
            return PackedMembers.Empty;
        if (_shards.TryGetValue(shard.ShardId, out var cached))
            return cached;
        var generation = _generation;
        var members = await table.ReadShardAsync(Key, shard.ShardId);
        if (generation == _generation && Cacheable)
            _shards[shard.ShardId] = members;
        return members;
    }

    private async Task FlushLoopAsync()
    {
        while (_queued.Count > 0)
        {
            var batch = _queued.OrderBy(change => change.Key, StringComparer.Ordinal).ToArray();
            _queued.Clear();
            // A cleared dictionary keeps its capacity: after a bulk batch, that would be about 28 bytes per change, kept.
            if (batch.Length > 1_000)
                _queued.TrimExcess();
            var waiters = _nextFlush;
            _nextFlush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                await CommitAsync(batch);
                await UpdateNameserverDirectoryAsync();
                waiters.SetResult();
            }
            catch (Exception failure)
            {
                logger.LogWarning(failure, "Index commit failed for attribute {Attribute}", Key);
                waiters.SetException(failure);
                // Changes queued meanwhile fail too; their domain grains replay them. What is cached may no longer
                // match storage, so the next activation starts from the head row.
                var queuedWaiters = _nextFlush;
                _nextFlush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _queued.Clear();
                queuedWaiters.TrySetException(failure);
                activeMembers.Withdraw(Key);
                DeactivateOnIdle();
                return;
            }
        }
    }

    // Changes are memberships, not increments: applying them again to what storage holds gives the same result, so a
    // commit refused because storage moved on is simply redone from a fresh read.
    private async Task CommitAsync(KeyValuePair<string, bool>[] batch)
    {
        // A first flush of additions assumes the attribute is new; if it is not, the head row's creation fails (409).
        var optimistic = !_headLoaded && batch.All(change => change.Value);
        for (var attempt = 1; ; attempt++)
        {
            if (!optimistic)
                await EnsureHeadAsync();
            try
            {
                await CommitOnceAsync(batch);
                return;
            }
            catch (RequestFailedException refused) when (refused.Status is 404 or 409 or 412 && attempt < 4)
            {
                // 409: the head row existed; 412: it changed under another activation of this grain (after a
                // failover); 404: a shard row to delete was gone, for the same reason. Re-read and redo.
                logger.LogDebug("Index commit for attribute {Attribute} refused ({Status}); re-reading", Key, refused.Status);
                optimistic = false;
                _headLoaded = false;
                _shards.Clear();
                _generation++;
                Publish();
            }
        }
    }

    private async Task CommitOnceAsync(KeyValuePair<string, bool>[] batch)
    {
        var layout = _layout;
        // The batch is in name order, so each shard's changes are one contiguous, ordered run.
        var runs = new List<(ShardRange Shard, List<KeyValuePair<string, bool>> Changes)>();
        foreach (var change in batch)
        {
            var shard = layout[ShardLayout.IndexOf(layout, change.Key)];
            if (runs.Count == 0 || runs[^1].Shard.ShardId != shard.ShardId)
                runs.Add((shard, []));
            runs[^1].Changes.Add(change);
        }
        var olds = _headLoaded
            ? await Task.WhenAll(runs.Select(run => MembersOfAsync(run.Shard)))
            : [.. runs.Select(_ => PackedMembers.Empty)];

        var touched = new Dictionary<int, (PackedMembers Old, PackedMembers New)>();
        for (var i = 0; i < runs.Count; i++)
        {
            var updated = olds[i].Apply(runs[i].Changes, out _);
            if (!ReferenceEquals(updated, olds[i]))
                touched[runs[i].Shard.ShardId] = (olds[i], updated);
        }
        if (touched.Count == 0)
            return;

        var shardBytes = Math.Min(options.Value.ShardBytes, AttributeIndexTable.MaxPropertyBytes);
        var transactions = IndexCommitPlan.Plan(layout, touched, shardBytes, options.Value.ShardCapacity, TransactionLimits.Azure);
        var value = _value is { } known ? $"{known.Kind}:{known.Value}" : null;
        foreach (var transaction in transactions)
        {
            _etag = await table.CommitAsync(Key, transaction, _etag, value);
            _headLoaded = true;
            _generation++;
            _layout = transaction.Layout;
            foreach (var shardId in transaction.Deletes)
                _shards.Remove(shardId);
            foreach (var (shardId, members) in transaction.Writes)
                _shards[shardId] = members;
            Publish();
        }
        if (_layout.Length != layout.Length)
            logger.LogDebug("Attribute {Attribute} now has {Shards} shards", Key, _layout.Length);
        if (!Cacheable)
            _shards.Clear();
        else
        {
            // Shards whose rows were replaced by later stages of a staged write are no longer in the layout.
            var live = _layout.Select(shard => shard.ShardId).ToHashSet();
            foreach (var stale in _shards.Keys.Where(id => !live.Contains(id)).ToArray())
                _shards.Remove(stale);
        }
        Publish();
    }

    // Nameserver names with members are listed for pattern searches; an emptied name leaves the list.
    private async Task UpdateNameserverDirectoryAsync()
    {
        if (_value is not { Kind: AttributeKind.NameserverName } value)
            return;
        var listed = ShardLayout.Total(_layout) > 0;
        if (listed == _listedInDirectory)
            return;
        await table.ListNameserverAsync(value.Value, listed);
        _listedInDirectory = listed;
    }
}
