using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Rds.Gateway;
using Rds.Hosting;
using Rds.Registrations;
using Rds.Tests.Infrastructure;
using Rds.Tests.Observability;

namespace Rds.Tests.Gateway;

/// <summary>A gateway whose cluster does not answer: retriable 503s with RDAP bodies, never a 500.</summary>
public sealed class ClusterUnavailableTests : IAsyncLifetime
{
    private const string Key = "unavailable-test-key";
    private WebApplication _gateway = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _gateway = GatewayApp.Build(["--urls", "http://127.0.0.1:0", "--Admin:OperatorKey", Key],
            builder => builder.Services.AddUnreachableCluster());
        await _gateway.StartAsync();
        var address = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _gateway.DisposeAsync();
    }

    /// <summary>A well-formed API key: checking it needs the cluster, which does not answer.</summary>
    private static HttpRequestMessage AsRequestor(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Rds.Requestors.ApiKeyTokens.Create().Token);
        ClusterFixture.StateAccess(request.Headers, Rds.Requestors.RdapPurpose.DnsTransparency);
        return request;
    }

    [Fact]
    public async Task The_gateway_is_alive_but_not_ready()
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, (await _http.GetAsync("/healthz")).StatusCode);
        var ready = await _http.GetAsync("/readyz");

        await GatewayHttp.AssertRdapErrorAsync(ready, HttpStatusCode.ServiceUnavailable);
        Assert.True(ready.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_lookup_is_503_with_retry_after_and_an_rdap_body()
    {
        var response = await _http.SendAsync(AsRequestor(HttpMethod.Get, "/rdap/domain/example.com"));

        await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task A_bulk_line_whose_grain_call_fails_in_any_way_is_reported_never_a_500()
    {
        // Seen under load: a grain activation cancelled by storage timeouts surfaced as an exception the bulk
        // endpoint did not expect, and the whole request answered 500.
        await using var gateway = GatewayApp.Build(["--urls", "http://127.0.0.1:0", "--Admin:OperatorKey", Key],
            builder => builder.Services.AddUnreachableCluster(() => new OperationCanceledException("activation cancelled")));
        await gateway.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        var lines = string.Join("\n", Enumerable.Range(0, 3).Select(i => RegistrationJson.Serialize(SampleRecords.Full($"any{i}.example"))));

        var bulk = await http.PostAsync("/admin/domains/bulk", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));
        var lookup = await http.SendAsync(AsRequestor(HttpMethod.Get, "/rdap/domain/any0.example"));

        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(3, (await bulk.ReadJsonAsync())["failed"]!.GetValue<int>());
        await GatewayHttp.AssertRdapErrorAsync(lookup, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task An_upsert_is_503_and_a_bulk_import_reports_every_line_as_not_stored()
    {
        var record = SampleRecords.Full("down.example");
        var upsert = await _http.PutAsync("/admin/domains/down.example", new StringContent(RegistrationJson.Serialize(record), Encoding.UTF8, "application/json"));
        var bulk = await _http.PostAsync("/admin/domains/bulk", new StringContent(RegistrationJson.Serialize(record) + "\n", Encoding.UTF8, "application/x-ndjson"));
        var report = await bulk.ReadJsonAsync();

        await GatewayHttp.AssertRdapErrorAsync(upsert, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Equal(1, report["failed"]!.GetValue<int>());
        Assert.Contains("resend", report["errors"]![0]!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_whose_audit_record_cannot_be_queued_is_503_and_the_failed_queue_write_is_counted()
    {
        await using var gateway = GatewayApp.Build(["--urls", "http://127.0.0.1:0", "--Metrics:ScrapeKey", ClusterFixture.ScrapeKey,
                "--Access:Jwt:Issuer", ClusterFixture.TokenIssuer, "--Access:Jwt:Audience", ClusterFixture.TokenAudience,
                "--Access:Jwt:SigningKey", Convert.ToBase64String(ClusterFixture.TokenSigningKey)],
            builder => builder.Services.AddUnreachableCluster(UnreachableCluster.QueueUnavailable));
        await gateway.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        // A token is checked without the cluster, and one that does not allow the stated purpose is refused before any
        // grain call: the refusal's audit record is the first thing that needs the cluster's storage.
        using var lookup = new HttpRequestMessage(HttpMethod.Get, "/rdap/domain/unaudited.example");
        lookup.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RequestorTokenTests.Token("queue-down", ["legalActions"]));
        ClusterFixture.StateAccess(lookup.Headers, Rds.Requestors.RdapPurpose.DnsTransparency);

        var answer = await http.SendAsync(lookup);
        using var scrape = new HttpRequestMessage(HttpMethod.Get, RdsTelemetry.ScrapePath);
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ClusterFixture.ScrapeKey);
        var samples = PrometheusText.Parse(await (await http.SendAsync(scrape)).Content.ReadAsStringAsync());

        await GatewayHttp.AssertRdapErrorAsync(answer, HttpStatusCode.ServiceUnavailable);
        var counted = Assert.Single(samples, s => s.Name == "rds_storage_errors_total");
        Assert.True(counted.Has("rds_storage_table", "audit-queue") && counted.Has("error_type", "503"), string.Join(", ", counted.Labels));
        Assert.Equal(1, counted.Value);
    }

    private sealed class CollectingSink : Serilog.Core.ILogEventSink
    {
        public List<Serilog.Events.LogEvent> Events { get; } = [];

        public void Emit(Serilog.Events.LogEvent logEvent)
        {
            lock (Events)
                Events.Add(logEvent);
        }
    }

    [Fact]
    public async Task The_request_log_states_the_503_the_client_got_not_a_500()
    {
        // Seen in a failover run: every retriable 503 was logged as "answered 500" at error level, because the
        // request log sat outside the handler that turns the cluster's failure into the 503.
        var sink = new CollectingSink();
        await using var gateway = GatewayApp.Build(["--urls", "http://127.0.0.1:0", "--Admin:OperatorKey", Key],
            builder => builder.Services.AddUnreachableCluster()
                .AddSingleton<Serilog.ILogger>(new Serilog.LoggerConfiguration().WriteTo.Sink(sink).CreateLogger()));
        await gateway.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        var lookup = await http.SendAsync(AsRequestor(HttpMethod.Get, "/rdap/domain/logged.example"));

        Assert.True(lookup.StatusCode == HttpStatusCode.ServiceUnavailable, string.Join("\n", sink.Events.Select(e => e.RenderMessage() + e.Exception)));
        // The request log is written once the pipeline returns, which may be after the client has read the answer.
        List<Serilog.Events.LogEvent> Answered()
        {
            lock (sink.Events)
                return [.. sink.Events.Where(e => e.MessageTemplate.Text.Contains("answered"))];
        }
        for (var waited = 0; waited < 50 && !Answered().Any(); waited++)
            await Task.Delay(100);
        var answered = Assert.Single(Answered());
        Assert.Equal("503", answered.Properties["StatusCode"].ToString());
        Assert.Equal(Serilog.Events.LogEventLevel.Warning, answered.Level);
    }
}
