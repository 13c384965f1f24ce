using System.Collections.Immutable;
using System.Text;

namespace Rds.Grains.Attributes;

/// <summary>
/// Range sharding of an attribute's members by A-label: results come out in name order across shards, and a
/// paging cursor (the last name seen) stays valid when a shard splits. The layout is kept on the attribute's head
/// row, so it changes atomically with the shard rows and the counts it lists.
/// </summary>
internal static class ShardLayout
{
    /// <summary>An attribute with no members yet: one empty shard covering every name.</summary>
    public static readonly ImmutableArray<ShardRange> Initial = [new ShardRange("", 0, 0)];

    /// <summary>The index of the shard whose range holds <paramref name="domain"/>.</summary>
    public static int IndexOf(ImmutableArray<ShardRange> shards, string domain)
    {
        int low = 1, high = shards.Length - 1, index = 0;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            if (string.CompareOrdinal(shards[middle].LowerBound, domain) <= 0)
            {
                index = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return index;
    }

    public static long Total(ImmutableArray<ShardRange> shards)
    {
        long total = 0;
        foreach (var shard in shards)
            total += shard.Count;
        return total;
    }

    public static byte[] Encode(ImmutableArray<ShardRange> shards)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.ASCII, leaveOpen: true))
        {
            writer.Write7BitEncodedInt(shards.Length);
            foreach (var shard in shards)
            {
                writer.Write(shard.LowerBound);
                writer.Write7BitEncodedInt(shard.ShardId);
                writer.Write7BitEncodedInt(shard.Count);
            }
        }
        return buffer.ToArray();
    }

    public static ImmutableArray<ShardRange> Decode(byte[] data)
    {
        using var reader = new BinaryReader(new MemoryStream(data), Encoding.ASCII);
        var shards = ImmutableArray.CreateBuilder<ShardRange>(reader.Read7BitEncodedInt());
        for (var i = 0; i < shards.Capacity; i++)
            shards.Add(new ShardRange(reader.ReadString(), reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt()));
        if (shards.Count == 0 || shards[0].LowerBound != "")
            throw new InvalidDataException("A shard layout must start with the shard of the lowest names.");
        return shards.MoveToImmutable();
    }
}
