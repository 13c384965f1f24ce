using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Rds.Registrations;
using Rds.Requestors;
using Rds.Tests.Gateway;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Cluster;

/// <summary>
/// Silos replaced one at a time under writes, lookups, searches and pivots, the way a rollout with maxUnavailable 0
/// does it: a new silo joins, then an old one stops gracefully (its grains deactivate and persist, calls in flight
/// finish). No answer but a retriable 503 may fail, nothing acknowledged is lost, and every answer has its audit
/// record. The in-process cluster's first silo seeds its test membership and stays; the others are all replaced.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class RollingRestartTests(FailoverFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Replacing_silos_one_at_a_time_under_load_fails_nothing_but_retriable_answers()
    {
        var requestorId = "rolling-" + Guid.NewGuid().ToString("N")[..8];
        using var client = await fixture.RequestorClientAsync(requestorId, RdapPurpose.DnsTransparency);
        var run = Guid.NewGuid().ToString("N")[..8];
        var nameserver = $"ns1.rolling-{run}.example";
        var acknowledged = new ConcurrentDictionary<string, RegistrationRecord>();
        var statuses = new ConcurrentBag<(string Kind, HttpStatusCode Status)>();
        var served = new ConcurrentBag<string>();
        var counter = 0;
        using var stop = new CancellationTokenSource();

        async Task WorkAsync(int worker)
        {
            var random = new Random(worker);
            while (!stop.IsCancellationRequested)
            {
                var roll = random.Next(10);
                if (roll < 5 || acknowledged.IsEmpty)
                {
                    var name = $"r{Interlocked.Increment(ref counter)}-{run}.example";
                    var record = SampleRecords.Full(name) with { Nameservers = [new Nameserver { Name = nameserver }] };
                    using var response = await fixture.Operator.PutAsync($"/admin/domains/{name}",
                        new StringContent(RegistrationJson.Serialize(record), System.Text.Encoding.UTF8, "application/json"));
                    statuses.Add(("upsert", response.StatusCode));
                    if (response.StatusCode == HttpStatusCode.OK)
                        acknowledged[name] = record;
                }
                else
                {
                    var names = acknowledged.Keys.ToArray();
                    var seed = names[random.Next(names.Length)];
                    var (kind, response) = roll switch
                    {
                        < 7 => ("lookup", await client.GetAsync($"/rdap/domain/{seed}")),
                        < 9 => ("search", await client.GetAsync($"/rdap/domains?nsLdhName={nameserver}")),
                        _ => ("pivot", await client.PostAsJsonAsync("/pivots", new { seedDomains = new[] { seed }, follow = new[] { "NameserverName" }, maxDepth = 1, maxDomains = 50 })),
                    };
                    statuses.Add((kind, response.StatusCode));
                    if (response.StatusCode == HttpStatusCode.OK)
                        served.Add(response.Headers.GetValues("X-Request-Id").Single());
                    response.Dispose();
                }
            }
        }

        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(() => WorkAsync(worker))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var replaced = 0;
        foreach (var old in fixture.Cluster.Silos.Skip(1).ToArray())
        {
            await fixture.Cluster.StartAdditionalSiloAsync();
            await fixture.Cluster.StopSiloAsync(old);
            replaced++;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        await stop.CancelAsync();
        await Task.WhenAll(load);

        foreach (var group in statuses.GroupBy(s => s).OrderBy(g => g.Key.Kind))
            output.WriteLine($"{group.Key.Kind} {(int)group.Key.Status} x {group.Count()}");
        Assert.True(replaced >= 1, "no silo was replaced");
        Assert.All(statuses, s => Assert.True(s.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{s.Kind} answered {(int)s.Status}"));
        Assert.True(statuses.Count(s => s.Status == HttpStatusCode.OK) > 50);
        foreach (var name in acknowledged.Keys)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/rdap/domain/{name}")).StatusCode);
        var audited = await fixture.AuditedRequestIdsAsync(requestorId, served.ToHashSet());
        Assert.Empty(served.Except(audited));
    }
}
