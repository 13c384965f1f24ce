using System.Collections.Immutable;
using Rds.Attributes;

namespace Rds.Grains.Attributes;

/// <summary>What an attribute grain remembers; its members live as table rows, one partition per shard.</summary>
[GenerateSerializer, Alias("rds.AttributeState")]
public sealed record AttributeState
{
    /// <summary>The normalised value itself: the grain key only encodes it.</summary>
    [Id(0)] public AttributeValue? Value { get; init; }

    /// <summary>The shard layout: contiguous A-label ranges, ordered by lower bound, the first from "".</summary>
    [Id(1)] public ImmutableArray<ShardRange> Shards { get; init; } = [new ShardRange("", 0)];

    [Id(2)] public int NextShardId { get; init; } = 1;

    [Id(3)] public PendingSplit? Split { get; init; }
}
