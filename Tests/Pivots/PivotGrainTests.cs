using System.Collections.Immutable;
using Rds.Attributes;
using Rds.Domains;
using Rds.Pivots;
using Rds.Registrations;
using Rds.Tests.Infrastructure;
using Rds.Tools.Generation;
using InProcessTestCluster = Orleans.TestingHost.InProcessTestCluster;

namespace Rds.Tests.Pivots;

/// <summary>Pivots over a generated registry equal an independent breadth-first search over plain dictionaries.</summary>
public sealed class PivotGrainTests : IAsyncLifetime
{
    private const int RegistrySize = 600;
    private AzuriteStorage _storage = null!;
    private InProcessTestCluster _cluster = null!;
    private BreadthFirstOracle _oracle = null!;
    private SyntheticRegistry _registry = null!;
    private RegistrationRecord[] _records = null!;

    public async Task InitializeAsync()
    {
        _storage = await AzuriteStorage.StartAsync();
        _cluster = await TestCluster.StartAsync(TestCluster.SettingsFor(_storage));
        _registry = new SyntheticRegistry(seed: 7, count: RegistrySize);
        _records = _registry.Select(record => RegistrationNormalizer.Normalize(record).Record!).ToArray();
        await Parallel.ForEachAsync(_records, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (record, _) => await _cluster.Client.GetGrain<IDomainGrain>(record.DomainName).UpsertAsync(record));
        _oracle = new BreadthFirstOracle(_records);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _storage.DisposeAsync();
    }

    public static TheoryData<int, int, int, int> Shapes => new()
    {
        // seed index, depth, fan-out cap, domain budget
        { 0, 1, 50, 1_000 },
        { 1, 2, 50, 1_000 },
        { 2, 3, 200, 5_000 },
        { 3, 3, 10_000, 5_000 },
        { 4, 4, 30, 60 },
        { 5, 2, 1, 1_000 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_pivot_from_campaign_seeds_equals_the_oracle(int seedIndex, int depth, int cap, int budget)
    {
        var campaign = _registry.Campaigns[seedIndex % _registry.Campaigns.Length];
        var seeds = _oracle.Domains.Where(d => d.StartsWith(campaign.Stem, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(2);
        var request = new PivotRequest
        {
            SeedDomains = [.. seeds, "not-registered.example"],
            Follow = [.. Enum.GetValues<AttributeKind>()],
            MaxDepth = depth,
            FanOutCap = cap,
            MaxDomains = budget,
        };

        await AssertSameAsOracleAsync(request);
    }

    [Fact]
    public async Task A_pivot_from_an_attribute_following_one_kind_equals_the_oracle()
    {
        var busiest = _oracle.Domains.SelectMany(_oracle.AttributesOf).Where(v => v.Kind == AttributeKind.NameserverName)
            .GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Value, StringComparer.Ordinal).Skip(5).First().Key;
        var request = new PivotRequest
        {
            SeedAttributes = [busiest],
            Follow = [AttributeKind.NameserverName, AttributeKind.NameserverIp],
            MaxDepth = 2,
            FanOutCap = 400,
            MaxDomains = 2_000,
        };

        await AssertSameAsOracleAsync(request);
    }

    [Fact]
    public async Task A_pivot_after_the_domains_it_reached_changed_follows_their_new_records()
    {
        var campaign = _registry.Campaigns[0];
        var request = new PivotRequest
        {
            SeedDomains = [.. _oracle.Domains.Where(d => d.StartsWith(campaign.Stem, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(2)],
            Follow = [.. Enum.GetValues<AttributeKind>()],
            MaxDepth = 3,
            FanOutCap = 50,
            MaxDomains = 5_000,
        };
        var before = await RunAsync(request);
        var reached = before.Where(e => e.Kind == PivotEventKind.Domain && e.Hop == 1).Select(e => e.Domain!).Take(5).ToHashSet();
        var unreached = _oracle.Domains.Except(before.Where(e => e.Kind == PivotEventKind.Domain).Select(e => e.Domain!)).Order(StringComparer.Ordinal).Take(3).ToHashSet();
        Assert.NotEmpty(reached);
        Assert.NotEmpty(unreached);

        // Domains the first pivot reached add a nameserver that only domains it did not reach have: the second pivot
        // must follow the records as they are now, not as the first one read them.
        var added = new Nameserver { Name = $"ns1.added-{Guid.NewGuid():N}.example" };
        RegistrationRecord Changed(RegistrationRecord record) => RegistrationNormalizer.Normalize(record with
        {
            UpdatedDate = record.UpdatedDate.AddDays(1),
            Nameservers = reached.Contains(record.DomainName) ? [.. record.Nameservers, added] : [added],
        }).Record!;
        var changed = _records.Select(record => reached.Contains(record.DomainName) || unreached.Contains(record.DomainName) ? Changed(record) : record).ToArray();
        foreach (var record in changed.Where(r => reached.Contains(r.DomainName) || unreached.Contains(r.DomainName)))
            Assert.Equal(UpsertOutcome.Stored, await _cluster.Client.GetGrain<IDomainGrain>(record.DomainName).UpsertAsync(record));

        var expected = new BreadthFirstOracle(changed).Run(request);
        var actual = await RunAsync(request);

        Assert.Contains(expected, e => e.Kind == PivotEventKind.Domain && unreached.Contains(e.Domain!));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_caller_that_stops_reading_early_stops_the_pivot_and_the_next_one_is_whole()
    {
        var request = new PivotRequest
        {
            SeedDomains = [.. _oracle.Domains.Order(StringComparer.Ordinal).Take(20)],
            Follow = [.. Enum.GetValues<AttributeKind>()],
            MaxDepth = 4,
            FanOutCap = 10_000,
            MaxDomains = 5_000,
        };

        // The traversal runs ahead of the caller; leaving after one event must end it, not leave it blocked.
        var abandoned = _cluster.Client.GetGrain<IPivotGrain>(Guid.NewGuid()).RunAsync(request).GetAsyncEnumerator();
        Assert.True(await abandoned.MoveNextAsync());
        await abandoned.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        await AssertSameAsOracleAsync(request);
    }

    [Fact]
    public async Task A_pivot_with_no_registered_seed_ends_at_once()
    {
        var events = await RunAsync(new PivotRequest { SeedDomains = ["nobody-here.example"], Follow = [AttributeKind.NameserverName], MaxDepth = 3 });

        var end = Assert.Single(events);
        Assert.Equal(PivotEventKind.End, end.Kind);
    }

    private async Task AssertSameAsOracleAsync(PivotRequest request)
    {
        var expected = _oracle.Run(request);
        var actual = await RunAsync(request);

        // The shape must exercise something: domains found beyond the seeds, or attributes held back by the cap.
        Assert.Contains(expected, e => e.Kind == PivotEventKind.Domain && e.Hop > 0 || e.OverCap);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i], actual[i]);
    }

    private async Task<List<PivotEvent>> RunAsync(PivotRequest request)
    {
        var events = new List<PivotEvent>();
        await foreach (var found in _cluster.Client.GetGrain<IPivotGrain>(Guid.NewGuid()).RunAsync(request))
            events.AddRange(found.Events());
        return events;
    }
}
