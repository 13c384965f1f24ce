using Rds.Grains.Attributes;

namespace Rds.Tests.Attributes;

public sealed class PublishedMembersTests
{
    private static PublishedMembers Published(int members, int shards)
    {
        var names = Enumerable.Range(0, members).Select(i => $"d{i:D7}.example").ToArray();
        var cut = names.Chunk(Math.Max(1, (members + shards - 1) / shards)).Select(PackedMembers.FromSorted).ToArray();
        return new PublishedMembers(members, [.. cut]);
    }

    [Fact]
    public void A_small_attribute_decodes_its_members_once_and_hands_out_the_same_names()
    {
        var published = Published(PublishedMembers.DecodedKept, shards: 3);

        var first = published.Domains();
        var second = published.Domains();

        Assert.Equal(Enumerable.Range(0, PublishedMembers.DecodedKept).Select(i => $"d{i:D7}.example"), first);
        Assert.Same(first, second);
    }

    [Fact]
    public void A_large_attribute_decodes_its_members_on_each_call_rather_than_keeping_them()
    {
        var published = Published(PublishedMembers.DecodedKept + 1, shards: 2);

        var first = published.Domains();
        var second = published.Domains();

        Assert.Equal(first, second);
        Assert.NotSame(first, second);
        Assert.Equal($"d{PublishedMembers.DecodedKept:D7}.example", first![^1]);
    }

    [Fact]
    public void Without_every_shard_in_memory_only_the_count_is_published()
    {
        var published = new PublishedMembers(42, shards: null);

        Assert.Null(published.Domains());
        Assert.Equal(42, published.Count);
    }
}
