using Orleans.Configuration;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Cluster;

/// <summary>
/// Three silos behind one gateway, with failure detection and call timeouts short enough that a killed silo is
/// declared dead, and calls to it fail (as 503s), within seconds rather than the production defaults' minute.
/// </summary>
public sealed class FailoverFixture : ClusterFixture
{
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);

    protected override int Silos => 3;

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = CallTimeout);
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 2;
            membership.NumVotesForDeathDeclaration = 1;
        });
    }

    protected override void ConfigureClient(IClientBuilder client) =>
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = CallTimeout);
}

[CollectionDefinition(Name)]
public sealed class FailoverCollection : ICollectionFixture<FailoverFixture>
{
    public const string Name = "failover";
}
