using Rds.Attributes;
using Rds.Pivots;
using Rds.Tools.Benchmarks;

namespace Rds.Tests.Tools;

/// <summary>The in-process traversal is the oracle of <c>bench pivot</c>: its semantics, on a graph small enough to check by hand.</summary>
public sealed class PivotTraversalTests
{
    private static readonly AttributeValue Ns1 = new(AttributeKind.NameserverName, "ns1.example");
    private static readonly AttributeValue Ns2 = new(AttributeKind.NameserverName, "ns2.example");
    private static readonly AttributeValue Ns3 = new(AttributeKind.NameserverName, "ns3.example");
    private static readonly AttributeValue Hub = new(AttributeKind.NameserverName, "ns.bighost.example");
    private static readonly AttributeValue Ip = new(AttributeKind.NameserverIp, "192.0.2.1");
    private static readonly AttributeValue Org = new(AttributeKind.RegistrantOrganization, "acme");

    // a -ns1- b; a -org- c -ns2- d -ip- e; f alone on ns3; a, b, g, h share the hub (4 domains).
    private static PivotGraph Graph()
    {
        var graph = new PivotGraph();
        graph.Add("a.example", new HashSet<AttributeValue> { Ns1, Org, Hub });
        graph.Add("b.example", new HashSet<AttributeValue> { Ns1, Hub });
        graph.Add("c.example", new HashSet<AttributeValue> { Org, Ns2 });
        graph.Add("d.example", new HashSet<AttributeValue> { Ns2, Ip });
        graph.Add("e.example", new HashSet<AttributeValue> { Ip });
        graph.Add("f.example", new HashSet<AttributeValue> { Ns3 });
        graph.Add("g.example", new HashSet<AttributeValue> { Hub });
        graph.Add("h.example", new HashSet<AttributeValue> { Hub });
        return graph;
    }

    private static PivotRequest Request(int depth = 3, int maxDomains = 100, int cap = 3, params AttributeKind[] follow) => new()
    {
        SeedDomains = ["a.example"],
        Follow = follow.Length > 0 ? [.. follow] : [AttributeKind.NameserverName, AttributeKind.NameserverIp, AttributeKind.RegistrantOrganization],
        MaxDepth = depth,
        MaxDomains = maxDomains,
        FanOutCap = cap,
    };

    [Fact]
    public async Task Each_attribute_leads_one_hop_further_and_one_over_the_cap_is_counted_not_expanded()
    {
        var outcome = await PivotTraversal.RunAsync(Graph(), Request(), CancellationToken.None);

        Assert.Equal(
            new Dictionary<string, int> { ["a.example"] = 0, ["b.example"] = 1, ["c.example"] = 1, ["d.example"] = 2, ["e.example"] = 3 },
            outcome.DomainHops);
        Assert.Equal(4, outcome.Discovered);
        Assert.Equal(1, outcome.AttributesOverCap);
        Assert.Equal(PivotOutcome.MaxDepth, outcome.StopReason);
    }

    [Fact]
    public async Task An_attribute_within_the_cap_is_expanded()
    {
        var outcome = await PivotTraversal.RunAsync(Graph(), Request(cap: 4), CancellationToken.None);

        Assert.Equal(1, outcome.DomainHops["g.example"]);
        Assert.Equal(1, outcome.DomainHops["h.example"]);
        Assert.Equal(0, outcome.AttributesOverCap);
    }

    [Fact]
    public async Task Depth_bounds_the_hops_and_unfollowed_kinds_lead_nowhere()
    {
        var shallow = await PivotTraversal.RunAsync(Graph(), Request(depth: 2), CancellationToken.None);
        var nameserversOnly = await PivotTraversal.RunAsync(Graph(), Request(follow: AttributeKind.NameserverName), CancellationToken.None);

        Assert.Equal(["a.example", "b.example", "c.example", "d.example"], shallow.DomainHops.Keys.Order());
        Assert.Equal(["a.example", "b.example"], nameserversOnly.DomainHops.Keys.Order());
        Assert.Equal(PivotOutcome.Complete, nameserversOnly.StopReason);
    }

    [Fact]
    public async Task The_domain_budget_counts_the_seeds_and_stops_the_traversal()
    {
        var outcome = await PivotTraversal.RunAsync(Graph(), Request(maxDomains: 2), CancellationToken.None);

        Assert.Equal(2, outcome.DomainHops.Count);
        Assert.Equal(PivotOutcome.MaxDomains, outcome.StopReason);
    }

    [Fact]
    public void Comparison_names_missing_extra_and_moved_domains_unless_a_traversal_was_cut()
    {
        var expected = new PivotOutcome(new Dictionary<string, int> { ["a.example"] = 0, ["b.example"] = 1, ["c.example"] = 2 }, 0, 0, PivotOutcome.Complete);
        var actual = new PivotOutcome(new Dictionary<string, int> { ["a.example"] = 0, ["c.example"] = 1, ["x.example"] = 1 }, 0, 0, PivotOutcome.Complete);
        var cut = actual with { StopReason = PivotOutcome.MaxDomains };

        var differences = PivotBenchmark.Compare("Orleans", Request(), expected, actual).ToList();

        Assert.Equal(3, differences.Count);
        Assert.Contains("misses 1 domains found in-process, e.g. b.example", differences[0], StringComparison.Ordinal);
        Assert.Contains("reports 1 domains not found in-process, e.g. x.example", differences[1], StringComparison.Ordinal);
        Assert.Contains("c.example (hop 2 in-process, 1 Orleans)", differences[2], StringComparison.Ordinal);
        Assert.Empty(PivotBenchmark.Compare("Orleans", Request(), expected, cut));
    }

    [Fact]
    public void A_later_line_for_the_same_domain_replaces_its_edges()
    {
        var graph = Graph();

        graph.Add("b.example", new HashSet<AttributeValue> { Ns3 });

        Assert.Equal(8, graph.Domains);
        Assert.Equal([Ns3], graph.AttributesByDomain.Single(pair => pair.Key == "b.example").Value);
        Assert.Equal(12, graph.Edges);
    }
}
