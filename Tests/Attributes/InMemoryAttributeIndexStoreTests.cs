using System.Collections.Immutable;
using Azure;
using Rds.Grains.Attributes;

namespace Rds.Tests.Attributes;

/// <summary>The in-memory index store answers the grains as the table does: the same reads, ETags and refusals.</summary>
public sealed class InMemoryAttributeIndexStoreTests
{
    private static readonly ImmutableArray<ShardRange> OneShard = [new ShardRange("", 0, 2)];
    private static readonly PackedMembers Two = PackedMembers.FromSorted(["a.example", "b.example"]);

    private static IndexTransaction Write(ImmutableArray<ShardRange> layout, PackedMembers members, params int[] deletes) =>
        new(layout, [KeyValuePair.Create(layout[0].ShardId, members)], deletes);

    [Fact]
    public async Task A_commit_is_read_back_and_guarded_by_its_etag()
    {
        IAttributeIndexStore store = new InMemoryAttributeIndexStore();
        Assert.Null(await store.ReadHeadAsync("nsx"));

        var etag = await store.CommitAsync("nsx", Write(OneShard, Two), headETag: null, "NameserverName:ns1.example");

        var head = await store.ReadHeadAsync("nsx");
        Assert.Equal(OneShard, head!.Layout);
        Assert.Equal(etag, head.ETag);
        Assert.Equal("NameserverName:ns1.example", head.Value);
        Assert.Equal(["a.example", "b.example"], (await store.ReadShardAsync("nsx", 0)).Range(0, 2));
        Assert.Equal(0, (await store.ReadShardAsync("nsx", 7)).Count);

        Assert.Equal(409, (await Assert.ThrowsAsync<RequestFailedException>(() => store.CommitAsync("nsx", Write(OneShard, Two), null, null))).Status);
        Assert.Equal(412, (await Assert.ThrowsAsync<RequestFailedException>(() => store.CommitAsync("nsx", Write(OneShard, Two), new ETag("stale"), null))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => store.CommitAsync("nsx", Write(OneShard, Two, 9), etag, null))).Status);
        var next = await store.CommitAsync("nsx", Write([new ShardRange("", 0, 1)], PackedMembers.FromSorted(["a.example"])), etag, null);
        Assert.NotEqual(etag, next);
        Assert.Equal(1, (await store.ReadShardAsync("nsx", 0)).Count);
    }

    [Fact]
    public async Task Nameservers_are_listed_by_prefix_in_order_and_paged()
    {
        IAttributeIndexStore store = new InMemoryAttributeIndexStore();
        foreach (var name in new[] { "ns2.host.example", "ns1.host.example", "ns1.other.example", "ns1.hostile.example" })
            await store.ListNameserverAsync(name, listed: true);
        await store.ListNameserverAsync("ns1.hostile.example", listed: false);

        Assert.Equal(["ns1.host.example", "ns1.other.example"], await store.NameserversWithPrefixAsync("ns1.", 10));
        Assert.Equal(["ns1.other.example"], await store.NameserversWithPrefixAsync("ns1.", 10, after: "ns1.host.example"));
        Assert.Equal(["ns1.host.example"], await store.NameserversWithPrefixAsync("ns1.", 1));
    }
}
