using System.Collections.Immutable;

namespace Rds.Grains.Attributes;

/// <summary>
/// Range sharding of an attribute's members by A-label: results come out in name order across shards, and a
/// paging cursor (the last name seen) stays valid when a shard splits.
/// </summary>
internal static class ShardLayout
{
    public static int IndexOf(ImmutableArray<ShardRange> shards, string domain)
    {
        var index = 0;
        for (var i = 1; i < shards.Length; i++)
        {
            if (string.CompareOrdinal(shards[i].LowerBound, domain) <= 0)
                index = i;
            else
                break;
        }
        return index;
    }

    public static ImmutableArray<ShardRange> Split(ImmutableArray<ShardRange> shards, int source, string boundary, int target)
    {
        var index = shards.IndexOf(shards.Single(s => s.ShardId == source));
        if (string.CompareOrdinal(boundary, shards[index].LowerBound) <= 0)
            throw new ArgumentException("A split boundary must lie above the shard's lower bound.", nameof(boundary));
        return shards.Insert(index + 1, new ShardRange(boundary, target));
    }
}
