using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Rds.Hosting;
using Rds.Requestors;
using Rds.Tests.Gateway;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Observability;

/// <summary>The gateway's <c>/metrics</c>: only for the scrape key; request durations by route and status; denials by reason.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GatewayMetricsTests(ClusterFixture fixture)
{
    private async Task<(string Text, IReadOnlyList<PrometheusSample> Samples)> ScrapeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RdsTelemetry.ScrapePath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ClusterFixture.ScrapeKey);
        using var response = await fixture.Anonymous.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return (text, PrometheusText.Parse(text));
    }

    private async Task<double> DenialsAsync(string reason, string status) =>
        (await ScrapeAsync()).Samples
            .Where(s => s.Name == "rds_access_denials_total" && s.Has("rds_denial_reason", reason) && s.Has("http_response_status_code", status))
            .Sum(s => s.Value);

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-scrape-key")]
    [InlineData(ClusterFixture.OperatorKey)]
    public async Task Metrics_are_refused_without_the_scrape_key(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RdsTelemetry.ScrapePath);
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await fixture.Anonymous.SendAsync(request);

        await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer realm=\"rds-scraper\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Request_durations_are_labelled_by_route_template_and_status_never_by_the_name_asked_for()
    {
        var name = SampleRecords.UniqueName("metrics-route");
        var unknown = SampleRecords.UniqueName("metrics-none");
        await fixture.PutAsync(SampleRecords.Full(name));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync($"/rdap/domain/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Http.GetAsync($"/rdap/domain/{unknown}")).StatusCode);

        var (text, samples) = await ScrapeAsync();

        var lookups = samples.Where(s => s.Name == "http_server_request_duration_seconds_count" && s.Has("http_route", "/rdap/domain/{**name}")).ToList();
        Assert.Contains(lookups, s => s.Has("http_response_status_code", "200") && s.Value >= 1);
        Assert.Contains(lookups, s => s.Has("http_response_status_code", "404") && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_bucket" && s.Has("http_route", "/rdap/domain/{**name}") && s.Labels.ContainsKey("le"));
        // Labels carry templates, never the names, keys or addresses of a request.
        Assert.DoesNotContain(name, text);
        Assert.DoesNotContain(unknown, text);
    }

    [Fact]
    public async Task Throttled_and_over_quota_requests_are_counted_apart()
    {
        var name = SampleRecords.UniqueName("metrics-quota");
        await fixture.PutAsync(SampleRecords.Full(name));
        using var throttled = await fixture.RequestorClientAsync("metrics-rate-" + Guid.NewGuid().ToString("N")[..8],
            new { requestsPerMinute = 1, burst = 1 }, RdapPurpose.DnsTransparency);
        using var overQuota = await fixture.RequestorClientAsync("metrics-day-" + Guid.NewGuid().ToString("N")[..8],
            new { requestsPerMinute = 1_000_000, burst = 100_000, recordsPerDay = 1 }, RdapPurpose.DnsTransparency);
        var (throttledBefore, overQuotaBefore) = (await DenialsAsync("throttled", "429"), await DenialsAsync("over_quota", "429"));

        Assert.Equal(HttpStatusCode.OK, (await throttled.GetAsync($"/rdap/domain/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await throttled.GetAsync($"/rdap/domain/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await overQuota.GetAsync($"/rdap/domain/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await overQuota.GetAsync($"/rdap/domain/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await overQuota.GetAsync($"/rdap/domain/{name}")).StatusCode);

        Assert.Equal(throttledBefore + 1, await DenialsAsync("throttled", "429"));
        Assert.Equal(overQuotaBefore + 2, await DenialsAsync("over_quota", "429"));
    }

    [Fact]
    public async Task Refusals_and_bad_credentials_are_counted_by_reason()
    {
        using var client = await fixture.RequestorClientAsync("metrics-refused-" + Guid.NewGuid().ToString("N")[..8], RdapPurpose.DnsTransparency);
        client.DefaultRequestHeaders.Remove("RDS-Agreement");
        client.DefaultRequestHeaders.Add("RDS-Agreement", "2020-01");
        using var forged = new HttpClient { BaseAddress = fixture.GatewayAddress };
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "rds_nosuchkey_0000000000000000");
        var before = (Refused: await DenialsAsync("refused", "403"), Invalid: await DenialsAsync("invalid_credential", "401"),
            None: await DenialsAsync("no_credential", "401"));

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/rdap/domain/example.example")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/rdap/domain/example.example")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/rdap/domain/example.example")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync("/rdap/domain/example.example")).StatusCode);

        Assert.Equal(before.Refused + 1, await DenialsAsync("refused", "403"));
        Assert.Equal(before.Invalid + 2, await DenialsAsync("invalid_credential", "401"));
        Assert.Equal(before.None + 1, await DenialsAsync("no_credential", "401"));
    }

    [Fact]
    public async Task Case_actions_refused_or_with_a_revoked_key_are_counted_by_reason()
    {
        var id = "metrics-case-" + Guid.NewGuid().ToString("N")[..8];
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);
        ApiKeyTokens.TryReadKeyId(client.DefaultRequestHeaders.Authorization!.Parameter, out var keyId);
        var before = (Refused: await DenialsAsync("refused", "403"), Invalid: await DenialsAsync("invalid_credential", "401"));

        var otherPurpose = await client.PostAsJsonAsync("/cases", new { caseId = "CASE-METRICS", purpose = "legalActions", legalBasis = "gdpr-6-1-f", evidence = new[] { "x:1" }, retentionDays = 5, confidential = false });
        (await fixture.Operator.DeleteAsync($"/admin/requestors/{id}/keys/{keyId}")).EnsureSuccessStatusCode();
        // The gateway still knows the key's requestor; the requestor's grain tells it the key is revoked.
        var read = await client.GetAsync($"/cases/{ClusterFixture.CaseId}");
        var close = await client.PostAsync($"/cases/{ClusterFixture.CaseId}/close", null);

        await GatewayHttp.AssertRdapErrorAsync(otherPurpose, HttpStatusCode.Forbidden);
        await GatewayHttp.AssertRdapErrorAsync(read, HttpStatusCode.Unauthorized);
        await GatewayHttp.AssertRdapErrorAsync(close, HttpStatusCode.Unauthorized);
        Assert.Equal(before.Refused + 1, await DenialsAsync("refused", "403"));
        Assert.Equal(before.Invalid + 2, await DenialsAsync("invalid_credential", "401"));
    }
}
