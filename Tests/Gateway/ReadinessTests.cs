using System.Net;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class ReadinessTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_gateway_that_reaches_its_cluster_is_ready_without_credentials()
    {
        var ready = await fixture.Anonymous.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.StartsWith("ready: 1 silo", await ready.Content.ReadAsStringAsync());
    }
}
