using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Rds.Hosting;

/// <summary>
/// Metrics of silo and gateway alike: Orleans' own meter, the .NET runtime's and ours (<see cref="RdsTelemetry.MeterName"/>),
/// served at <see cref="RdsTelemetry.ScrapePath"/> in Prometheus text format. Only a scraper presenting
/// <c>Metrics:ScrapeKey</c> (or the key whose SHA-256 is <c>Metrics:ScrapeKeySha256</c>) may read them, unless
/// <see cref="RdsTelemetry.AllowAnonymousScrapeKey"/> is true, as on a local run.
/// </summary>
internal static class RdsMetrics
{
    // Grain calls, activations, storage latency and errors, messaging: what Orleans publishes on its own meter.
    private const string OrleansMeterName = "Microsoft.Orleans";

    /// <param name="process"><c>silo</c> or <c>gateway</c>: the <c>service_name</c> of <c>target_info</c> is <c>orleans-rds-{process}</c>.</param>
    public static void AddRdsMetrics(this WebApplicationBuilder builder, string process, Action<MeterProviderBuilder>? instrument = null)
    {
        builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("orleans-rds-" + process)).WithMetrics(metrics =>
        {
            metrics.AddMeter(RdsTelemetry.MeterName, OrleansMeterName)
                .AddRuntimeInstrumentation()
                // Prometheus scrapes every few seconds at most; a cached answer would only hide the latest counts.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            instrument?.Invoke(metrics);
        });
        // Only this host's instruments: where hosts share a process (the tests run silos, clients and gateways side by
        // side), another host's instruments of the same name would otherwise merge into this one's, and vanish with it.
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
        {
            var own = services.GetRequiredService<IMeterFactory>();
            metrics.AddView(instrument => instrument.Meter.Scope is IMeterFactory other && other != own ? MetricStreamConfiguration.Drop : null);
        });
        builder.Services.AddAuthentication().AddScheme<StaffKeyOptions, StaffKeyHandler>(StaffKeyHandler.ScraperScheme,
            StaffKeyOptions.From(builder.Configuration, "Metrics", "Scrape", StaffKeyHandler.ScraperRole));
    }

    public static void MapRdsMetrics(this WebApplication app)
    {
        var scrape = app.MapPrometheusScrapingEndpoint(RdsTelemetry.ScrapePath);
        if (!(bool.TryParse(app.Configuration[RdsTelemetry.AllowAnonymousScrapeKey], out var anonymous) && anonymous))
            scrape.RequireAuthorization(policy => policy.AddAuthenticationSchemes(StaffKeyHandler.ScraperScheme).RequireRole(StaffKeyHandler.ScraperRole));
    }
}
