using System.Net.Http.Json;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Rds.Attributes;
using Rds.Registrations;
using Rds.Requestors;
using Rds.Tests.Gateway;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Cluster;

/// <summary>
/// A silo killed (no deactivation, no goodbye) under a mix of writes, lookups, searches and pivots: answers in flight
/// may be retriable 503s, never 500s, and a pivot cut short ends with an error line; the load goes on on the
/// survivors; no acknowledged write is lost; the attribute index agrees with the domains; every answer a client
/// received has its audit record.
/// </summary>
[Collection(FailoverCollection.Name)]
public sealed class SiloFailoverTests(FailoverFixture fixture, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Workers = 6;
    private static readonly TimeSpan BeforeKill = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan AfterKill = TimeSpan.FromSeconds(20);

    private static string PivotEnding(string ndjson)
    {
        var last = ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        try
        {
            return last is null ? "nothing" : System.Text.Json.Nodes.JsonNode.Parse(last)!["type"]!.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
            return "a broken line";
        }
    }

    private sealed record Outcome(string Kind, HttpStatusCode Status, bool HasRetryAfter, string? RequestId, DateTimeOffset At);

    [Fact]
    public async Task Killing_a_silo_under_load_loses_nothing_acknowledged_and_answers_no_500()
    {
        var requestorId = "failover-" + Guid.NewGuid().ToString("N")[..8];
        using var client = await fixture.RequestorClientAsync(requestorId, RdapPurpose.DnsTransparency);
        var run = Guid.NewGuid().ToString("N")[..8];
        var nameservers = Enumerable.Range(0, 3).Select(i => $"ns{i}.failover-{run}.example").ToArray();
        var attempted = new ConcurrentDictionary<string, RegistrationRecord>();
        var acknowledged = new ConcurrentDictionary<string, RegistrationRecord>();
        var outcomes = new ConcurrentBag<Outcome>();
        var pivotEndings = new ConcurrentBag<string>();
        var counter = 0;
        DateTimeOffset? killedAt = null;

        async Task WorkAsync(int worker, DateTimeOffset until)
        {
            var random = new Random(worker);
            while (DateTimeOffset.UtcNow < until)
            {
                var roll = random.Next(10);
                HttpResponseMessage response;
                string kind;
                if (roll < 4 || acknowledged.IsEmpty)
                {
                    var name = $"d{Interlocked.Increment(ref counter)}-{run}.example";
                    var record = SampleRecords.Full(name) with { Nameservers = [new Nameserver { Name = nameservers[random.Next(nameservers.Length)] }] };
                    attempted[name] = record;
                    kind = "upsert";
                    response = await SendAsync(() => fixture.Operator.PutAsync($"/admin/domains/{name}",
                        new StringContent(RegistrationJson.Serialize(record), System.Text.Encoding.UTF8, "application/json")));
                    if (response.StatusCode == HttpStatusCode.OK)
                        acknowledged[name] = record;
                }
                else if (roll < 7)
                {
                    kind = "lookup";
                    var names = acknowledged.Keys.ToArray();
                    response = await SendAsync(() => client.GetAsync($"/rdap/domain/{names[random.Next(names.Length)]}"));
                }
                else if (roll < 9)
                {
                    kind = "search";
                    response = await SendAsync(() => client.GetAsync($"/rdap/domains?nsLdhName={nameservers[random.Next(nameservers.Length)]}"));
                }
                else
                {
                    kind = "pivot";
                    var names = acknowledged.Keys.ToArray();
                    response = await SendAsync(() => client.PostAsJsonAsync("/pivots",
                        new { seedDomains = new[] { names[random.Next(names.Length)] }, follow = new[] { "NameserverName" }, maxDepth = 2, maxDomains = 200 }));
                    if (response.StatusCode == HttpStatusCode.OK)
                        pivotEndings.Add(PivotEnding(await response.Content.ReadAsStringAsync()));
                }
                outcomes.Add(new Outcome(kind, response.StatusCode, response.Headers.RetryAfter is not null,
                    response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.Single() : null, DateTimeOffset.UtcNow));
                response.Dispose();
            }
        }

        var end = DateTimeOffset.UtcNow + BeforeKill + AfterKill;
        var load = Enumerable.Range(0, Workers).Select(worker => Task.Run(() => WorkAsync(worker, end))).ToArray();
        await Task.Delay(BeforeKill);
        var victim = fixture.Cluster.Silos.Last(silo => silo != fixture.Cluster.Silos[0]);
        killedAt = DateTimeOffset.UtcNow;
        await fixture.Cluster.KillSiloAsync(victim);
        await Task.WhenAll(load);

        var all = outcomes.ToArray();
        foreach (var group in all.GroupBy(o => (After: o.At > killedAt, o.Kind, o.Status)).OrderBy(g => g.Key.After).ThenBy(g => g.Key.Kind))
            output.WriteLine($"{(group.Key.After ? "after" : "before")} the kill: {group.Key.Kind} {(int)group.Key.Status} x {group.Count()}");
        // Never a 500, and every failure is a retriable 503 that says when to retry.
        Assert.DoesNotContain(all, o => (int)o.Status >= 500 && o.Status != HttpStatusCode.ServiceUnavailable);
        // A pivot streams after its 200: one the kill cut short says so in its last line, never stops mid-line.
        Assert.NotEmpty(pivotEndings);
        Assert.All(pivotEndings, ending => Assert.Contains(ending, new[] { "end", "error" }));
        Assert.All(all.Where(o => o.Status == HttpStatusCode.ServiceUnavailable), o => Assert.True(o.HasRetryAfter));
        Assert.All(all.Where(o => (int)o.Status is >= 400 and < 500), o => Assert.Fail($"{o.Kind} answered {(int)o.Status}"));
        // The load went on on the survivors.
        Assert.True(all.Count(o => o.At > killedAt + TimeSpan.FromSeconds(10) && o.Status == HttpStatusCode.OK) > 20,
            $"only {all.Count(o => o.At > killedAt + TimeSpan.FromSeconds(10) && o.Status == HttpStatusCode.OK)} answers succeeded in the last 10 s");

        // No acknowledged write is missing.
        foreach (var (name, record) in acknowledged)
        {
            var (response, domain) = await client.GetRdapAsync($"/rdap/domain/{name}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(record.UpdatedDate, DateTimeOffset.Parse(domain.EventDate("last changed")!));
        }

        // Every attempted domain, acknowledged or not, is in exactly the index of the nameserver its stored record names.
        var stored = new Dictionary<string, string>();
        foreach (var name in attempted.Keys)
        {
            var (response, domain) = await client.GetRdapAsync($"/rdap/domain/{name}");
            if (response.StatusCode == HttpStatusCode.OK)
                stored[name] = domain["nameservers"]![0]!["ldhName"]!.GetValue<string>();
        }
        foreach (var nameserver in nameservers)
        {
            var index = fixture.Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(new AttributeValue(AttributeKind.NameserverName, nameserver)));
            var members = new List<string>();
            string? after = null;
            do
            {
                var page = await index.ListAsync(after, 1000);
                members.AddRange(page.Domains);
                after = page.Next;
            } while (after is not null);
            Assert.Equal(stored.Where(pair => pair.Value == nameserver).Select(pair => pair.Key).Order(StringComparer.Ordinal), members);
            Assert.Equal(members.Count, await index.CountAsync());
        }

        // Every answer a client received has its audit record.
        var served = all.Where(o => o.Kind != "upsert" && o.Status == HttpStatusCode.OK).Select(o => o.RequestId!).ToHashSet();
        // No quota was reset: the day's count survived the kill (leased in blocks, it may only be higher).
        var usage = (await fixture.Operator.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/admin/requestors/{requestorId}"))!;
        Assert.True(usage["recordsUsedToday"]!.GetValue<int>() >= all.Count(o => o.Kind == "lookup" && o.Status == HttpStatusCode.OK),
            $"records used today: {usage["recordsUsedToday"]}");

        var loadEnded = DateTime.UtcNow;
        var audited = await fixture.AuditedRequestIdsAsync(requestorId, served);
        output.WriteLine($"audit log complete {(DateTime.UtcNow - loadEnded).TotalSeconds:F1} s after the load; unaudited answers: {served.Except(audited).Count()} of {served.Count}");
        Assert.Empty(served.Except(audited));
    }

    // A request that hangs past the client's patience counts as a 504, which fails the test: answers must come.
    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
        {
            return new HttpResponseMessage(HttpStatusCode.GatewayTimeout);
        }
    }
}
