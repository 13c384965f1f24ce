using System.Diagnostics.Metrics;
using Rds.Audit;
using Rds.Hosting;

namespace Rds.Grains.Audit;

/// <summary>
/// The audit write lag: from a request's arrival at the gateway to its record's append to the requestor's hash-chained
/// log, through the audit stream or directly. It says how far the logs trail the requests: verification, access
/// reports and auditors see a record only then, and growth under load is the first sign that a log falls behind. The
/// gateway's clock stamps the start, so skew between hosts shifts it a little.
/// </summary>
public sealed class AuditMetrics(IMeterFactory meters)
{
    private static readonly double[] LagBucketsSeconds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Histogram<double> _writeLag = meters.Create(RdsTelemetry.MeterName).CreateHistogram(
        "rds.audit.write_lag", "s", "Time from a request's arrival to its record's append to the audit log.",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBucketsSeconds });

    public void Stored(IEnumerable<AuditRecord> records, DateTimeOffset storedAt)
    {
        foreach (var record in records)
            _writeLag.Record(Math.Max(0, (storedAt - record.ReceivedAt).TotalSeconds));
    }
}
