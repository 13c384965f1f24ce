namespace Rds.Grains.Attributes;

/// <summary>A shard of an attribute's index: the domains from <see cref="LowerBound"/> (inclusive) to the next shard's bound.</summary>
[GenerateSerializer, Immutable, Alias("rds.ShardRange")]
public sealed record ShardRange([property: Id(0)] string LowerBound, [property: Id(1)] int ShardId);
