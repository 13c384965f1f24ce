namespace Rds.Tests.Infrastructure;

/// <summary>Tests that share one Azurite, cluster and gateway.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
