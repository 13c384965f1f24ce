using System.Net;
using Rds.Audit;
using Rds.Hosting;

namespace Rds.Tests.Observability;

/// <summary>The silo's health port: probes for anyone, <c>/metrics</c> for the scrape key only, with Orleans' and our instruments.</summary>
[Collection(SiloHostCollection.Name)]
public sealed class SiloMetricsTests(SiloHostFixture fixture)
{
    [Fact]
    public async Task Probes_need_no_credential()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync("/healthz", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.GetAsync("/readyz", null)).StatusCode);
    }

    [Fact]
    public async Task Metrics_are_refused_without_the_scrape_key()
    {
        var none = await fixture.GetAsync(RdsTelemetry.ScrapePath, null);
        var wrong = await fixture.GetAsync(RdsTelemetry.ScrapePath, SiloHostFixture.Bearer("not-the-scrape-key"));
        // Least privilege: the operator's key opens the dashboard, not the metrics.
        var operatorKey = await fixture.GetAsync(RdsTelemetry.ScrapePath, SiloHostFixture.Bearer(SiloHostFixture.OperatorKey));

        Assert.All(new[] { none, wrong, operatorKey }, response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
        Assert.Equal("Bearer realm=\"rds-scraper\"", none.Headers.WwwAuthenticate.ToString());
        Assert.DoesNotContain("# TYPE", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_show_activations_grain_calls_and_the_audit_write_lag()
    {
        // A record of a request that arrived two seconds ago: its lag is at least that.
        await fixture.Grains.GetGrain<IAuditLogGrain>("silo-metrics-" + Guid.NewGuid().ToString("N")[..8]).AppendAsync(new AuditRecord
        {
            RequestId = Guid.NewGuid().ToString("N"),
            RequestorId = "silo-metrics",
            Query = "GET /rdap/domain/example.example",
            Decision = AuditDecision.Granted,
            ReceivedAt = DateTimeOffset.UtcNow.AddSeconds(-2),
            DecidedAt = DateTimeOffset.UtcNow,
        });

        // A scrape may be answered from the exporter's short cache, or come before an instrument's next reading:
        // scraped again until the call shows, for a few seconds at most.
        IReadOnlyList<PrometheusSample> samples = [];
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var response = await fixture.GetAsync(RdsTelemetry.ScrapePath, SiloHostFixture.Bearer(SiloHostFixture.ScrapeKey));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            samples = PrometheusText.Parse(text);
            if (samples.Any(s => s.Name == "orleans_catalog_activations" && s.Has("grain_type", "auditlog") && s.Value >= 1)
                && samples.Any(s => s.Name == "orleans_messaging_processing_dispatcher_received_total" && s.Has("Context", "Grain") && s.Value >= 1)
                && samples.Any(s => s.Name == "orleans_storage_read_latency_milliseconds_count" && s.Value >= 1)
                && samples.Any(s => s.Name == "rds_audit_write_lag_seconds_count" && s.Value >= 1))
                break;
            await Task.Delay(200);
        }

        Assert.Contains(samples, s => s.Name == "orleans_catalog_activations" && s.Has("grain_type", "auditlog") && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "orleans_messaging_processing_dispatcher_received_total"
            && s.Has("Context", "Grain") && s.Has("Direction", "Request") && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "orleans_storage_read_latency_milliseconds_count" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "rds_audit_write_lag_seconds_count" && s.Value >= 1);
        Assert.Contains(samples, s => s.Name == "rds_audit_write_lag_seconds_sum" && s.Value >= 2);
        Assert.Contains(samples, s => s.Name == "rds_audit_write_lag_seconds_bucket" && s.Has("le", "1"));
        Assert.Contains(samples, s => s.Name == "target_info" && s.Has("service_name", "orleans-rds-silo"));
        Assert.Contains(samples, s => s.Name.StartsWith("dotnet_gc_", StringComparison.Ordinal));
        // The client that made the call runs in this process too; its instruments are not the silo's.
        Assert.DoesNotContain(samples, s => s.Name == "orleans_client_connected_gateways");
    }
}
