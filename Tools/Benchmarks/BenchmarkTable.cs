using System.Globalization;
using System.Text;

namespace Rds.Tools.Benchmarks;

/// <summary>The short fixed-width tables the bench commands print; invariant culture so figures paste into BENCHMARKS.md unchanged.</summary>
internal static class BenchmarkTable
{
    public static string FormatImport(ImportBenchmarkResult result)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"{"import",-44} {"records",9} {"seconds",8} {"records/s",10}");
        text.AppendLine(culture, $"{"rds-tools import -> gateway -> grains -> table",-44} {result.Records,9:N0} {result.RealSeconds,8:F2} {result.RealRecordsPerSecond,10:N0}");
        text.AppendLine(culture, $"{"raw Azure.Data.Tables, 100-entity batches",-44} {result.Records,9:N0} {result.RawSeconds,8:F2} {result.RawRecordsPerSecond,10:N0}");
        text.AppendLine(culture, $"real / raw: {result.Ratio:P1}; stored {result.Stored:N0}, failed {result.Failed:N0}");
        return text.ToString();
    }

    public static string FormatLookup(LookupBenchmarkResult result)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"{"lookup",-30} {"requests",9} {"errors",7} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"max ms",8}");
        // Governed and ungoverned runs in the order they ran, round by round.
        var runs = new List<LatencySummary> { result.Gateway };
        for (var round = 0; round < result.UngovernedRounds.Count; round++)
        {
            if (round > 0)
                runs.Add(result.GovernedRounds[round]);
            runs.Add(result.UngovernedRounds[round]);
        }
        runs.Add(result.FixedBody);
        foreach (var run in runs)
        {
            text.AppendLine(culture, $"{run.Target,-30} {run.Requests,9:N0} {run.Errors,7:N0} {run.RequestsPerSecond,9:N0} {run.P50Ms,8:F2} {run.P99Ms,8:F2} {run.MaxMs,8:F2}");
        }

        if (runs.Any(run => run.CpuMsPerRequest.Count > 0))
        {
            text.AppendLine(culture, $"CPU ms per request, by process:");
            foreach (var run in runs.Where(run => run.CpuMsPerRequest.Count > 0))
                text.AppendLine(culture, $"  {run.Target,-28} {string.Join("  ", run.CpuMsPerRequest.OrderBy(entry => entry.Key).Select(entry => $"{entry.Key} {entry.Value:F3}"))}  total {run.CpuMsPerRequest.Values.Sum():F3}");
        }

        text.AppendLine(culture, $"gateway / fixed body: {result.Ratio:P1} of the rate; concurrency {result.Concurrency}, {result.Requestors} requestor(s), body {result.BodyBytes:N0} bytes");
        text.AppendLine(culture, $"governed requests sent, each owed an audit record: {result.GovernedRequests:N0}");
        if (result.GovernanceCost is { } cost)
            text.AppendLine(culture, $"governance costs {cost:P1} of the ungoverned rate over {result.UngovernedRounds.Count} alternated round(s)");
        return text.ToString();
    }

    public static string FormatPivot(PivotBenchmarkResult result)
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"pivot: {result.Seeds.Count} seeds, depth {result.MaxDepth}, max {result.MaxDomains:N0} domains, fan-out cap {result.FanOutCap:N0}, following {string.Join(", ", result.Follow)}");
        text.AppendLine(culture, $"graph: {result.Records:N0} records, {result.Edges:N0} domain-attribute edges");
        text.AppendLine(culture, $"{"engine",-12} {"discovered",10} {"attrs",7} {"over cap",8} {"cold s",8} {"median s",9} {"domains/s",10}  stop");
        foreach (var engine in new[] { result.InProcess, result.Postgres, result.Orleans })
        {
            if (engine is not null)
            {
                text.AppendLine(culture, $"{engine.Engine,-12} {engine.Discovered,10:N0} {engine.AttributesMet,7:N0} {engine.AttributesOverCap,8:N0} {engine.ColdSeconds,8:F3} {engine.MedianSeconds,9:F4} {engine.DomainsPerSecond,10:N0}  {engine.StopReason}");
            }
        }

        if (result.OrleansError is not null)
        {
            text.AppendLine(culture, $"Orleans FAILED: {result.OrleansError}");
        }

        if (result.OrleansOverPostgres is { } overPostgres)
        {
            text.AppendLine(culture, $"Orleans / PostgreSQL: {overPostgres:F2}x the rate (aim: at least 3x)");
        }

        if (result.InProcessOverOrleans is { } overOrleans)
        {
            text.AppendLine(culture, $"in-process / Orleans: {overOrleans:F2}x the rate (aim: at most 5x)");
        }

        text.AppendLine(result.Disagreements.Count == 0 ? "engines agree on the (domain, hop) pairs" : "DISAGREEMENT between engines:");
        foreach (var disagreement in result.Disagreements)
        {
            text.AppendLine(culture, $"  {disagreement}");
        }

        return text.ToString();
    }
}
