namespace Rds.Tools.Benchmarks;

/// <summary>The import figures of one run, as written to the JSON result file.</summary>
internal sealed record ImportBenchmarkResult(
    long Records,
    double RealSeconds,
    double RealRecordsPerSecond,
    long Stored,
    long Failed,
    double RawSeconds,
    double RawRecordsPerSecond,
    int RawConcurrency)
{
    /// <summary>Real rate as a fraction of the raw rate.</summary>
    public double Ratio => RawRecordsPerSecond > 0 ? RealRecordsPerSecond / RawRecordsPerSecond : 0;
}
