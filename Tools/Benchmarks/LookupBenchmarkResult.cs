namespace Rds.Tools.Benchmarks;

/// <summary>The lookup figures of one run, as written to the JSON result file.</summary>
internal sealed record LookupBenchmarkResult(int Concurrency, int BodyBytes, LatencySummary Gateway, LatencySummary FixedBody)
{
    /// <summary>How many requestors the gateway load was spread over.</summary>
    public int Requestors { get; init; } = 1;

    /// <summary>Gateway rate as a fraction of the fixed-body rate.</summary>
    public double Ratio => FixedBody.RequestsPerSecond > 0 ? Gateway.RequestsPerSecond / FixedBody.RequestsPerSecond : 0;
}
