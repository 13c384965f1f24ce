using System.Net;
using System.Net.Http.Json;
using Rds.Requestors;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

/// <summary>Quotas hold exactly under concurrency and survive a grain's deactivation; over quota is 429 with Retry-After.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QuotaTests(ClusterFixture fixture)
{
    private static string NewRequestorId() => "quota-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string> StoredDomainAsync(string prefix)
    {
        var name = SampleRecords.UniqueName(prefix);
        await fixture.PutAsync(SampleRecords.Full(name));
        return name;
    }

    [Fact]
    public async Task A_thousand_concurrent_lookups_disclose_exactly_the_daily_quota()
    {
        var name = await StoredDomainAsync("quota-burst");
        using var client = await fixture.RequestorClientAsync(NewRequestorId(),
            new { requestsPerMinute = 1_000_000, burst = 100_000, recordsPerDay = 25 }, RdapPurpose.DnsTransparency);

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => client.GetAsync($"/rdap/domain/{name}")));

        Assert.Equal(25, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(975, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        var refused = answers.First(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await GatewayHttp.AssertRdapErrorAsync(refused, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_lookup_of_an_unknown_name_costs_no_record()
    {
        var name = await StoredDomainAsync("quota-free");
        using var client = await fixture.RequestorClientAsync(NewRequestorId(),
            new { recordsPerDay = 1, requestsPerMinute = 1_000_000, burst = 100_000 }, RdapPurpose.DnsTransparency);

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/rdap/domain/never-{i}-{name}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/rdap/domain/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync($"/rdap/domain/{name}")).StatusCode);
    }

    [Fact]
    public async Task Requests_past_the_burst_are_throttled_until_the_bucket_refills()
    {
        var name = await StoredDomainAsync("quota-rate");
        using var client = await fixture.RequestorClientAsync(NewRequestorId(), new { requestsPerMinute = 6, burst = 3 }, RdapPurpose.DnsTransparency);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            answers.Add(await client.GetAsync($"/rdap/domain/{name}"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests],
            answers.Select(a => a.StatusCode));
        Assert.InRange(answers[3].Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_search_page_is_cut_to_the_records_left()
    {
        var nameserver = $"ns1.{SampleRecords.UniqueName("quota-host")}";
        for (var i = 0; i < ClusterFixture.SearchPageSize; i++)
            await fixture.PutAsync(SampleRecords.Full(SampleRecords.UniqueName($"quota-s{i}")) with { Nameservers = [new Rds.Registrations.Nameserver { Name = nameserver }] });
        using var client = await fixture.RequestorClientAsync(NewRequestorId(), new { recordsPerDay = 3, requestsPerMinute = 1_000_000, burst = 100_000 }, RdapPurpose.DnsTransparency);

        var (_, first) = await client.GetRdapAsync($"/rdap/domains?nsLdhName={nameserver}");
        var next = first["paging_metadata"]!["links"]![0]!["href"]!.GetValue<string>();
        var second = await client.GetAsync(next);

        Assert.Equal(3, first["domainSearchResults"]!.AsArray().Count);
        await GatewayHttp.AssertRdapErrorAsync(second, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Pivots_beyond_the_case_quota_are_429()
    {
        var name = await StoredDomainAsync("quota-pivot");
        using var client = await fixture.RequestorClientAsync(NewRequestorId(),
            new { pivotsPerCasePerDay = 2, requestsPerMinute = 1_000_000, burst = 100_000 }, RdapPurpose.DnsTransparency);
        var body = new { seedDomains = new[] { name }, follow = new[] { "NameserverName" }, maxDepth = 1, fanOutCap = 1 };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var answer = await client.PostAsJsonAsync("/pivots", body);
            await answer.Content.ReadAsStringAsync();
            statuses.Add(answer.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task The_record_quota_is_not_reset_when_the_requestor_grain_is_deactivated()
    {
        var name = await StoredDomainAsync("quota-restart");
        using var client = await fixture.RequestorClientAsync(NewRequestorId(),
            new { recordsPerDay = 25, requestsPerMinute = 1_000_000, burst = 100_000 }, RdapPurpose.DnsTransparency);
        var before = 0;
        for (var i = 0; i < 10; i++)
            before += (await client.GetAsync($"/rdap/domain/{name}")).StatusCode == HttpStatusCode.OK ? 1 : 0;

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var after = 0;
        for (var i = 0; i < 30; i++)
            after += (await client.GetAsync($"/rdap/domain/{name}")).StatusCode == HttpStatusCode.OK ? 1 : 0;

        Assert.Equal(10, before);
        Assert.InRange(before + after, 10, 25);
    }
}
