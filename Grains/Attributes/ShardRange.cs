namespace Rds.Grains.Attributes;

/// <summary>
/// A shard of an attribute's index: the domains from <see cref="LowerBound"/> (inclusive) to the next shard's bound,
/// stored in the row of <see cref="ShardId"/>; <see cref="Count"/> of them, exactly, as the layout is written in
/// the same transaction as the rows.
/// </summary>
internal sealed record ShardRange(string LowerBound, int ShardId, int Count);
