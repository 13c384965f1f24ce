using System.Collections.Immutable;

namespace Rds.Grains.Attributes;

/// <summary>
/// What an attribute grain remembers: its shard layout. Members live as table rows, one partition per shard, and
/// the attribute's value on shard 0's count row.
/// </summary>
[GenerateSerializer, Alias("rds.AttributeState")]
public sealed record AttributeState
{
    /// <summary>The shard layout: contiguous A-label ranges, ordered by lower bound, the first from "".</summary>
    [Id(1)] public ImmutableArray<ShardRange> Shards { get; init; } = [new ShardRange("", 0)];

    [Id(2)] public int NextShardId { get; init; } = 1;

    [Id(3)] public PendingSplit? Split { get; init; }
}
