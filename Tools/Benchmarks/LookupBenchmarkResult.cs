namespace Rds.Tools.Benchmarks;

/// <summary>The lookup figures of one run, as written to the JSON result file.</summary>
internal sealed record LookupBenchmarkResult(int Concurrency, int BodyBytes, LatencySummary Gateway, LatencySummary FixedBody)
{
    /// <summary>Every request sent through the governed path (probes, warm-up and timed runs): each must leave an audit record.</summary>
    public long GovernedRequests { get; init; }

    /// <summary>How many requestors the gateway load was spread over.</summary>
    public int Requestors { get; init; } = 1;

    /// <summary>Governed lookup runs alternated with <see cref="UngovernedRounds"/> (the first is <see cref="Gateway"/>); empty without them.</summary>
    public IReadOnlyList<LatencySummary> GovernedRounds { get; init; } = [];

    /// <summary>The same lookups on the gateway's benchmark-only path with no authentication, quota or audit.</summary>
    public IReadOnlyList<LatencySummary> UngovernedRounds { get; init; } = [];

    /// <summary>The share of the ungoverned rate that governance costs, over all rounds (each rate weighted by its time).</summary>
    public double? GovernanceCost => UngovernedRounds.Count == 0 ? null : 1 - Rate(GovernedRounds) / Rate(UngovernedRounds);

    private static double Rate(IEnumerable<LatencySummary> runs) => runs.Sum(run => run.Requests) / runs.Sum(run => run.Seconds);

    /// <summary>Gateway rate as a fraction of the fixed-body rate.</summary>
    public double Ratio => FixedBody.RequestsPerSecond > 0 ? Gateway.RequestsPerSecond / FixedBody.RequestsPerSecond : 0;
}
