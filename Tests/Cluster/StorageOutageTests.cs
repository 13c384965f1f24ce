using System.Diagnostics;
using System.Net;
using Rds.Registrations;
using Rds.Requestors;
using Rds.Tests.Gateway;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Cluster;

/// <summary>A cluster on an Azurite that keeps its data on disk, so the test can stop storage and start it again.</summary>
public sealed class StorageOutageFixture : ClusterFixture
{
    private readonly string _location = Path.Combine(Path.GetTempPath(), "rds-outage-" + Guid.NewGuid().ToString("N")[..8]);

    private protected override Task<AzuriteStorage> StartStorageAsync() => AzuriteStorage.StartRestartableAsync(_location);

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Configure<Orleans.Configuration.SiloMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(10));

    protected override void ConfigureClient(IClientBuilder client) =>
        client.Configure<Orleans.Configuration.ClientMessagingOptions>(messaging => messaging.ResponseTimeout = TimeSpan.FromSeconds(10));
}

[CollectionDefinition(Name)]
public sealed class StorageOutageCollection : ICollectionFixture<StorageOutageFixture>
{
    public const string Name = "storage-outage";
}

/// <summary>
/// Storage stopped mid-run: the gateway answers 503 with an RDAP body and Retry-After, promptly, never a 500; when
/// storage is back, service resumes without restarting any process, and nothing acknowledged is lost.
/// </summary>
[Collection(StorageOutageCollection.Name)]
public sealed class StorageOutageTests(StorageOutageFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task While_storage_is_down_answers_are_retriable_503s_and_afterwards_nothing_acknowledged_is_lost()
    {
        using var client = await fixture.RequestorClientAsync("outage-" + Guid.NewGuid().ToString("N")[..8], RdapPurpose.DnsTransparency);
        var names = Enumerable.Range(0, 10).Select(i => SampleRecords.UniqueName($"outage{i}")).ToArray();
        foreach (var name in names)
            await fixture.PutAsync(SampleRecords.Full(name));

        var duringName = SampleRecords.UniqueName("during");
        // Azurite itself keeps acknowledged writes in memory for a few seconds before saving them to disk.
        await Task.Delay(AzuriteStorage.SaveInterval);
        await fixture.Storage.StopAsync();
        var during = new List<(string What, HttpStatusCode Status, TimeSpan Took, bool RetryAfter)>();
        foreach (var (what, send) in new (string, Func<Task<HttpResponseMessage>>)[]
                 {
                     ("upsert", () => fixture.Operator.PutAsync($"/admin/domains/{duringName}",
                         new StringContent(RegistrationJson.Serialize(SampleRecords.Full(duringName)), System.Text.Encoding.UTF8, "application/json"))),
                     ("lookup", () => client.GetAsync($"/rdap/domain/{names[0]}")),
                     ("search", () => client.GetAsync("/rdap/domains?nsLdhName=ns1.host.example")),
                 })
        {
            var clock = Stopwatch.StartNew();
            using var response = await send().WaitAsync(AnswerDeadline);
            during.Add((what, response.StatusCode, clock.Elapsed, response.Headers.RetryAfter is not null));
            output.WriteLine($"storage down: {what} answered {(int)response.StatusCode} in {clock.Elapsed.TotalSeconds:0.0} s");
            if (response.StatusCode != HttpStatusCode.OK)
                await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        }

        await fixture.Storage.RestartAsync();
        var resumed = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var probe = await client.GetAsync($"/rdap/domain/{names[^1]}");
            status = probe.StatusCode;
            if (status != HttpStatusCode.OK)
                await Task.Delay(500);
        } while (status != HttpStatusCode.OK && resumed.Elapsed < TimeSpan.FromSeconds(60));
        output.WriteLine($"service resumed {resumed.Elapsed.TotalSeconds:0.0} s after storage came back");

        // The upsert had to fail: it cannot be acknowledged without storage. The audited requests had to fail too.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Single(d => d.What == "upsert").Status);
        Assert.All(during, d => Assert.True(d.Status == HttpStatusCode.ServiceUnavailable && d.RetryAfter, $"{d.What}: {(int)d.Status}"));
        Assert.Equal(HttpStatusCode.OK, status);
        foreach (var name in names)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/rdap/domain/{name}")).StatusCode);
        await fixture.PutAsync(SampleRecords.Full(SampleRecords.UniqueName("after")));
    }
}
