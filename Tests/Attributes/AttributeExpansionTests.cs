using Rds.Attributes;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Attributes;

/// <summary>A pivot's one call per attribute: the count, and the members only within the cap.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AttributeExpansionTests(ClusterFixture fixture)
{
    private const int Members = 30;

    [Fact]
    public async Task Within_the_cap_the_count_comes_with_every_member_in_order()
    {
        var (attribute, domains) = await AttributeWithMembersAsync();

        var page = await attribute.ExpandAsync(fanOutCap: Members, limit: 5_000);

        Assert.Equal(Members, page.Count);
        Assert.Equal(domains, page.Domains);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Over_the_cap_only_the_count_comes()
    {
        var (attribute, _) = await AttributeWithMembersAsync();

        var page = await attribute.ExpandAsync(fanOutCap: Members - 1, limit: 5_000);

        Assert.Equal(Members, page.Count);
        Assert.Empty(page.Domains);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Members_beyond_the_first_page_are_listed_from_where_it_ends()
    {
        var (attribute, domains) = await AttributeWithMembersAsync();

        var first = await attribute.ExpandAsync(fanOutCap: Members, limit: 12);
        var rest = await attribute.ListAsync(first.Next, 100);

        Assert.Equal(domains[..12], first.Domains);
        Assert.Equal(domains[11], first.Next);
        Assert.Equal(domains[12..], rest.Domains);
    }

    [Fact]
    public async Task An_attribute_no_domain_has_expands_to_nothing()
    {
        var value = new AttributeValue(AttributeKind.NameserverName, $"ns1.none-{Guid.NewGuid():N}.example");

        var page = await fixture.Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(value)).ExpandAsync(fanOutCap: 10, limit: 10);

        Assert.Equal(0, page.Count);
        Assert.Empty(page.Domains);
    }

    private async Task<(IAttributeGrain Attribute, string[] Domains)> AttributeWithMembersAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var value = new AttributeValue(AttributeKind.NameserverName, $"ns1.expand-{run}.example");
        var domains = Enumerable.Range(0, Members).Select(i => $"exp{i:D2}-{run}.example").ToArray();
        var attribute = fixture.Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(value));
        // Shuffled, in two changes, so the order of the answer is the grain's doing.
        var shuffled = domains.OrderBy(d => d.GetHashCode()).ToArray();
        await attribute.ApplyAsync(value, [.. shuffled[..10].Select(d => new MembershipChange(d, true))]);
        await attribute.ApplyAsync(value, [.. shuffled[10..].Select(d => new MembershipChange(d, true))]);
        return (attribute, domains);
    }
}
