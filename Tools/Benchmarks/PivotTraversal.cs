using Rds.Attributes;
using Rds.Pivots;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// The pivot semantics of <see cref="PivotRequest"/>, breadth-first over any <see cref="IPivotSource"/>: hop 0 holds
/// the seeds; an attribute met on a domain of hop h, not met before, leads to its other domains at hop h + 1 unless
/// it is shared by more domains than the fan-out cap; stop at MaxDomains domains reported (seeds included) or after
/// MaxDepth attribute hops. Single-threaded: with the in-process source it is the oracle the other engines must match.
/// </summary>
internal static class PivotTraversal
{
    public static async Task<PivotOutcome> RunAsync(IPivotSource source, PivotRequest request, CancellationToken cancellationToken)
    {
        var hops = new Dictionary<string, int>(StringComparer.Ordinal);
        var frontier = new List<string>();
        foreach (var seed in request.SeedDomains)
        {
            if (hops.Count == request.MaxDomains)
            {
                return new PivotOutcome(hops, 0, 0, PivotOutcome.MaxDomains);
            }

            if (hops.TryAdd(seed, 0))
            {
                frontier.Add(seed);
            }
        }

        var met = new HashSet<AttributeValue>();
        var overCap = 0;
        for (var hop = 0; hop < request.MaxDepth && frontier.Count > 0; hop++)
        {
            var next = new List<string>();
            foreach (var expansion in await source.ExpandAsync(frontier, request, met, cancellationToken))
            {
                // A source may return an attribute twice within a hop; it is met once.
                if (!met.Add(expansion.Attribute))
                {
                    continue;
                }

                if (expansion.Members is null)
                {
                    overCap++;
                    continue;
                }

                foreach (var member in expansion.Members)
                {
                    if (!hops.TryAdd(member, hop + 1))
                    {
                        continue;
                    }

                    next.Add(member);
                    if (hops.Count == request.MaxDomains)
                    {
                        return new PivotOutcome(hops, met.Count, overCap, PivotOutcome.MaxDomains);
                    }
                }
            }

            frontier = next;
        }

        return new PivotOutcome(hops, met.Count, overCap, frontier.Count == 0 ? PivotOutcome.Complete : PivotOutcome.MaxDepth);
    }
}
