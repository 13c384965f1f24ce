namespace Rds.Tools.Benchmarks;

/// <summary>The figures of one <c>bench pivot</c> run, as written to the JSON result file; an engine not asked for, or failed, is null.</summary>
internal sealed record PivotBenchmarkResult(
    int Records,
    long Edges,
    IReadOnlyList<string> Seeds,
    IReadOnlyList<string> Follow,
    int MaxDepth,
    int MaxDomains,
    int FanOutCap,
    double? PostgresLoadSeconds,
    PivotEngineResult InProcess,
    PivotEngineResult? Postgres,
    PivotEngineResult? Orleans,
    string? OrleansError,
    IReadOnlyList<string> Disagreements)
{
    /// <summary>Orleans' rate over PostgreSQL's (the aim is at least 3).</summary>
    public double? OrleansOverPostgres => Rate(Orleans, Postgres);

    /// <summary>The in-process rate over Orleans' (the aim is at most 5).</summary>
    public double? InProcessOverOrleans => Rate(InProcess, Orleans);

    private static double? Rate(PivotEngineResult? numerator, PivotEngineResult? denominator) =>
        numerator is null || denominator is null || denominator.DomainsPerSecond == 0 ? null : numerator.DomainsPerSecond / denominator.DomainsPerSecond;
}
