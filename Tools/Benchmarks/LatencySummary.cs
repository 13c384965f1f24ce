using HdrHistogram;

namespace Rds.Tools.Benchmarks;

/// <summary>One load run boiled down: rate and latency percentiles in milliseconds, from a histogram of microseconds.</summary>
internal sealed record LatencySummary(string Target, long Requests, long Errors, double Seconds, double RequestsPerSecond, double P50Ms, double P99Ms, double MaxMs)
{
    /// <summary>CPU milliseconds per request of each measured process (gateway, silo, storage) over the run; empty when none was named.</summary>
    public IReadOnlyDictionary<string, double> CpuMsPerRequest { get; init; } = new Dictionary<string, double>();

    public static LatencySummary From(string target, HistogramBase microseconds, long errors, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        return new LatencySummary(
            target,
            microseconds.TotalCount,
            errors,
            seconds,
            microseconds.TotalCount / seconds,
            microseconds.GetValueAtPercentile(50) / 1000.0,
            microseconds.GetValueAtPercentile(99) / 1000.0,
            microseconds.GetMaxValue() / 1000.0);
    }
}
