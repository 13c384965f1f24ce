using System.Collections.Immutable;

namespace Rds.Grains.Attributes;

/// <summary>
/// One entity-group transaction on an attribute's rows: shard rows to write and to delete, and the layout (with
/// every shard's count) that the head row takes in the same transaction, so layout, counts and rows always agree.
/// </summary>
internal sealed record IndexTransaction(
    ImmutableArray<ShardRange> Layout,
    IReadOnlyList<KeyValuePair<int, PackedMembers>> Writes,
    IReadOnlyList<int> Deletes);
