using System.Net.Http.Json;
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

    /// <summary>
    /// The request ids in a requestor's audit log, read until it holds every one of <paramref name="expected"/> (or a
    /// deadline passes). Records are durable in the audit queue before their answers leave; those a stopped or killed
    /// silo had read but not stored come back to the others once their messages' visibility timeout ends, and the
    /// pulling agents back off between failed deliveries (up to a minute) while the silo's grains move: hence the
    /// generous deadline.
    /// </summary>
    public async Task<HashSet<string>> AuditedRequestIdsAsync(string requestorId, IReadOnlySet<string> expected)
    {
        var audited = new HashSet<string>();
        long after = -1;
        var deadline = DateTime.UtcNow + Settings.AuditRedeliveryAfter + TimeSpan.FromSeconds(90);
        while (expected.Except(audited).Any() && DateTime.UtcNow < deadline)
        {
            using var answer = await Auditor.GetAsync($"/audit/requestors/{requestorId}?after={after}&limit=1000");
            // The log's grain may be moving off a silo that just left: a retriable 503, asked again.
            if (answer.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                await Task.Delay(500);
                continue;
            }
            answer.EnsureSuccessStatusCode();
            var page = (await answer.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!;
            foreach (var record in page["records"]!.AsArray())
            {
                audited.Add(record!["record"]!["requestId"]!.GetValue<string>());
                after = record["sequence"]!.GetValue<long>();
            }
            if (page["next"] is null)
                await Task.Delay(200);
        }
        return audited;
    }

    protected override void ConfigureClient(IClientBuilder client) =>
        client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = CallTimeout);
}

[CollectionDefinition(Name)]
public sealed class FailoverCollection : ICollectionFixture<FailoverFixture>
{
    public const string Name = "failover";
}
