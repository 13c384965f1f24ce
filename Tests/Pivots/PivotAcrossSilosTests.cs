using Rds.Attributes;
using Rds.Domains;
using Rds.Pivots;
using Rds.Registrations;
using Rds.Tests.Infrastructure;
using Rds.Tools.Generation;
using InProcessTestCluster = Orleans.TestingHost.InProcessTestCluster;

namespace Rds.Tests.Pivots;

/// <summary>
/// With two silos a pivot reads the domains active in its own silo locally and asks the others by call: the answer
/// must not depend on where the grains happen to live.
/// </summary>
public sealed class PivotAcrossSilosTests : IAsyncLifetime
{
    private AzuriteStorage _storage = null!;
    private InProcessTestCluster _cluster = null!;
    private SyntheticRegistry _registry = null!;
    private BreadthFirstOracle _oracle = null!;

    public async Task InitializeAsync()
    {
        _storage = await AzuriteStorage.StartAsync();
        _cluster = await TestCluster.StartAsync(TestCluster.SettingsFor(_storage), silos: 2);
        _registry = new SyntheticRegistry(seed: 7, count: 600);
        var records = _registry.Select(record => RegistrationNormalizer.Normalize(record).Record!).ToArray();
        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (record, _) => await _cluster.Client.GetGrain<IDomainGrain>(record.DomainName).UpsertAsync(record));
        _oracle = new BreadthFirstOracle(records);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Repeated_pivots_from_either_silo_equal_the_oracle()
    {
        var campaign = _registry.Campaigns[0];
        var request = new PivotRequest
        {
            SeedDomains = [.. _oracle.Domains.Where(d => d.StartsWith(campaign.Stem, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(2)],
            Follow = [.. Enum.GetValues<AttributeKind>()],
            MaxDepth = 3,
            FanOutCap = 200,
            MaxDomains = 5_000,
        };
        var expected = _oracle.Run(request);
        Assert.Contains(expected, e => e.Kind == PivotEventKind.Domain && e.Hop > 1);

        // Each pivot is a new grain, placed on either silo; later ones find domains published by earlier ones.
        for (var run = 0; run < 6; run++)
        {
            var actual = new List<PivotEvent>();
            await foreach (var found in _cluster.Client.GetGrain<IPivotGrain>(Guid.NewGuid()).RunAsync(request))
                actual.AddRange(found.Events());
            Assert.Equal(expected, actual);
        }
    }
}
