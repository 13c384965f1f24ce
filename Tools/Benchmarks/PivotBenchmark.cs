using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Rds.Pivots;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// Times one pivot request on each engine (in-process dictionaries, then PostgreSQL and the gateway when given),
/// and checks that the engines whose traversal was not cut by MaxDomains found the same (domain, hop) pairs.
/// </summary>
internal sealed class PivotBenchmark(PivotGraph graph, int records, int runs, int warmups)
{
    private const int ShownDifferences = 10;

    /// <summary>Seeds drawn from the given names with a fixed random seed, so every engine and rerun starts alike.</summary>
    public static IReadOnlyList<string> PickSeeds(IReadOnlyList<string> names, int count)
    {
        var shuffled = names.ToArray();
        new Random(42).Shuffle(shuffled);
        return shuffled.Take(count).ToArray();
    }

    public async Task<PivotBenchmarkResult> RunAsync(
        PivotRequest request, PostgresPivotSource? postgres, GatewayPivotClient? gateway, CancellationToken cancellationToken)
    {
        var (inProcess, oracle) = await TimeAsync("in-process", () => PivotTraversal.RunAsync(graph, request, cancellationToken));

        double? loadSeconds = null;
        PivotEngineResult? postgresResult = null;
        var disagreements = new List<string>();
        if (postgres is not null)
        {
            var load = Stopwatch.StartNew();
            await postgres.LoadAsync(graph, cancellationToken);
            loadSeconds = load.Elapsed.TotalSeconds;
            (postgresResult, var outcome) = await TimeAsync("PostgreSQL", () => PivotTraversal.RunAsync(postgres, request, cancellationToken));
            disagreements.AddRange(Compare("PostgreSQL", request, oracle, outcome));
        }

        PivotEngineResult? orleansResult = null;
        string? orleansError = null;
        if (gateway is not null)
        {
            // A failing gateway should not cost the figures of the other engines, measured already.
            try
            {
                (orleansResult, var outcome) = await TimeAsync("Orleans", () => gateway.RunAsync(request, cancellationToken));
                disagreements.AddRange(Compare("Orleans", request, oracle, outcome));
            }
            catch (Exception exception) when (exception is HttpRequestException or InvalidDataException or JsonException or TaskCanceledException
                                              && !cancellationToken.IsCancellationRequested)
            {
                orleansError = exception.Message;
            }
        }

        return new PivotBenchmarkResult(
            records,
            graph.Edges,
            request.SeedDomains,
            request.Follow.Select(kind => kind.ToString()).Order(StringComparer.Ordinal).ToArray(),
            request.MaxDepth,
            request.MaxDomains,
            request.FanOutCap,
            loadSeconds,
            inProcess,
            postgresResult,
            orleansResult,
            orleansError,
            disagreements);
    }

    /// <summary>
    /// The differences between an engine's (domain, hop) pairs and the in-process ones; none are looked for when
    /// either traversal stopped at MaxDomains, as which domains make the cut then depends on the order of work.
    /// </summary>
    public static IEnumerable<string> Compare(string engine, PivotRequest request, PivotOutcome expected, PivotOutcome actual)
    {
        if (IsCut(request, expected) || IsCut(request, actual))
        {
            yield break;
        }

        var missing = expected.DomainHops.Keys.Where(domain => !actual.DomainHops.ContainsKey(domain)).Order(StringComparer.Ordinal).ToList();
        var extra = actual.DomainHops.Keys.Where(domain => !expected.DomainHops.ContainsKey(domain)).Order(StringComparer.Ordinal).ToList();
        var moved = expected.DomainHops
            .Where(pair => actual.DomainHops.TryGetValue(pair.Key, out var hop) && hop != pair.Value)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key} (hop {pair.Value} in-process, {actual.DomainHops[pair.Key]} {engine})")
            .ToList();
        if (missing.Count > 0)
        {
            yield return $"{engine} misses {missing.Count:N0} domains found in-process, e.g. {string.Join(", ", missing.Take(ShownDifferences))}";
        }

        if (extra.Count > 0)
        {
            yield return $"{engine} reports {extra.Count:N0} domains not found in-process, e.g. {string.Join(", ", extra.Take(ShownDifferences))}";
        }

        if (moved.Count > 0)
        {
            yield return $"{engine} puts {moved.Count:N0} domains at another hop, e.g. {string.Join(", ", moved.Take(ShownDifferences))}";
        }
    }

    private static bool IsCut(PivotRequest request, PivotOutcome outcome) =>
        outcome.StopReason == PivotOutcome.MaxDomains || outcome.DomainHops.Count >= request.MaxDomains;

    /// <summary>
    /// A cold first run, kept apart from the rate, then untimed warm-up runs (tiered JIT recompiles hot methods after
    /// some calls), then the timed runs; the last run's outcome is kept.
    /// </summary>
    private async Task<(PivotEngineResult Result, PivotOutcome Outcome)> TimeAsync(string engine, Func<Task<PivotOutcome>> run)
    {
        var stopwatch = Stopwatch.StartNew();
        var outcome = await run();
        var cold = stopwatch.Elapsed.TotalSeconds;
        for (var i = 0; i < warmups; i++)
        {
            await run();
        }

        var seconds = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            stopwatch.Restart();
            outcome = await run();
            seconds.Add(stopwatch.Elapsed.TotalSeconds);
        }

        seconds.Sort();
        var result = new PivotEngineResult(
            engine, runs, cold, seconds[seconds.Count / 2], outcome.DomainHops.Count, outcome.Discovered, outcome.AttributesMet, outcome.AttributesOverCap, outcome.StopReason);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{engine}: {result.Discovered:N0} domains discovered, median {result.MedianSeconds:F3} s over {runs} runs (cold {cold:F3} s)"));
        return (result, outcome);
    }
}
