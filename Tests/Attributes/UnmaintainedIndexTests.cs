using InProcessTestCluster = Orleans.TestingHost.InProcessTestCluster;
using Microsoft.Extensions.DependencyInjection;
using Rds.Attributes;
using Rds.Disclosure;
using Rds.Domains;
using Rds.Grains.Attributes;
using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Attributes;

/// <summary>The benchmarks' no-index baseline: with the index not maintained, records are stored and the index stays empty.</summary>
public sealed class UnmaintainedIndexTests : IAsyncLifetime
{
    private AzuriteStorage _storage = null!;
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _storage = await AzuriteStorage.StartAsync();
        _cluster = await TestCluster.StartAsync(TestCluster.SettingsFor(_storage),
            configure: silo => silo.Services.Configure<AttributeIndexOptions>(options => options.Maintained = false));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Upserts_are_stored_and_leave_the_index_empty_when_it_is_not_maintained()
    {
        var domain = SampleRecords.UniqueName("noindex");
        var grain = _cluster.Client.GetGrain<IDomainGrain>(domain);

        Assert.Equal(UpsertOutcome.Stored, await grain.UpsertAsync(RegistrationNormalizer.Normalize(SampleRecords.Full(domain)).Record!));

        Assert.NotNull(await grain.LookupAsync(DisclosureRequest.Public));
        var nameserver = new AttributeValue(AttributeKind.NameserverName, "ns1.host.example");
        Assert.Equal(0, await _cluster.Client.GetGrain<IAttributeGrain>(AttributeKey.Of(nameserver)).CountAsync());
    }
}
