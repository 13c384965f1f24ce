namespace Rds.Hosting;

/// <summary>
/// What silo and gateway publish for monitoring, named once: the meter our own instruments belong to, and where both
/// hosts serve their metrics to Prometheus.
/// </summary>
public static class RdsTelemetry
{
    public const string MeterName = "Orleans.Rds";

    public const string ScrapePath = "/metrics";

    /// <summary>Serves <see cref="ScrapePath"/> without the scrape key; set only by the local run scripts.</summary>
    public const string AllowAnonymousScrapeKey = "Metrics:AllowAnonymous";
}
