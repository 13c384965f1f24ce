using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Rds.Attributes;
using Rds.Domains;
using Rds.Pivots;

namespace Rds.Grains.Pivots;

/// <summary>
/// One breadth-first traversal over the domain–attribute graph. Each hop fans out in parallel: the attributes of
/// every frontier domain, then the counts of every new attribute, then the members of those under the cap. Memory
/// is bounded by the domain budget (the set of domains seen) and the cap (one attribute's members at a time).
/// </summary>
internal sealed class PivotGrain : Grain, IPivotGrain
{
    private const int ParallelCalls = 128;
    private const int MemberPageSize = 5_000;

    async IAsyncEnumerable<PivotEvent> IPivotGrain.RunAsync(PivotRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var met = new HashSet<AttributeValue>();

        var seeds = request.SeedDomains.Distinct().ToArray();
        var seedAttributes = await AttributesOfAsync(seeds, cancellationToken);
        var frontier = new Dictionary<string, ImmutableArray<AttributeValue>>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            // A seed that is not registered leads nowhere and is not reported.
            if (seedAttributes[seed] is not { } attributes || !seen.Add(seed))
                continue;
            frontier[seed] = attributes;
            yield return new PivotEvent { Kind = PivotEventKind.Domain, Hop = 0, Domain = seed };
            if (seen.Count >= request.MaxDomains)
            {
                yield return End(0, "maxDomains");
                yield break;
            }
        }

        for (var hop = 0; hop < request.MaxDepth; hop++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var toMeet = (hop == 0 ? request.SeedAttributes : [])
                .Concat(frontier.Values.SelectMany(values => values).Where(value => request.Follow.Contains(value.Kind)))
                .Where(met.Add)
                .OrderBy(value => value.Kind).ThenBy(value => value.Value, StringComparer.Ordinal)
                .ToArray();
            var indexes = toMeet.Select(value => GrainFactory.GetGrain<IAttributeGrain>(AttributeKey.Of(value))).ToArray();
            var counts = await InParallelAsync(indexes, index => index.CountAsync(), cancellationToken);

            var expand = new List<int>();
            for (var i = 0; i < toMeet.Length; i++)
            {
                var overCap = counts[i] > request.FanOutCap;
                if (!overCap && counts[i] > 0)
                    expand.Add(i);
                yield return new PivotEvent { Kind = PivotEventKind.Attribute, Hop = hop, Attribute = toMeet[i], Count = counts[i], OverCap = overCap };
            }

            var found = new List<string>();
            var members = await InParallelAsync(expand.ToArray(), i => MembersAsync(indexes[i], cancellationToken), cancellationToken);
            for (var e = 0; e < expand.Count; e++)
            {
                foreach (var domain in members[e])
                {
                    if (!seen.Add(domain))
                        continue;
                    found.Add(domain);
                    yield return new PivotEvent { Kind = PivotEventKind.Domain, Hop = hop + 1, Domain = domain, Attribute = toMeet[expand[e]] };
                    if (seen.Count >= request.MaxDomains)
                    {
                        yield return End(hop + 1, "maxDomains");
                        yield break;
                    }
                }
            }
            if (found.Count == 0)
            {
                yield return End(hop + 1, "complete");
                yield break;
            }
            // The last hop's domains are reported but not followed: their attributes would lead past the depth.
            frontier = hop + 1 < request.MaxDepth
                ? (await AttributesOfAsync(found, cancellationToken)).Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value!.Value, StringComparer.Ordinal)
                : [];
        }
        yield return End(request.MaxDepth, "maxDepth");
    }

    private static PivotEvent End(int hop, string reason) => new() { Kind = PivotEventKind.End, Hop = hop, StopReason = reason };

    private async Task<Dictionary<string, ImmutableArray<AttributeValue>?>> AttributesOfAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        var attributes = await InParallelAsync(domains.ToArray(), domain => GrainFactory.GetGrain<IDomainGrain>(domain).AttributesAsync(), cancellationToken);
        var byDomain = new Dictionary<string, ImmutableArray<AttributeValue>?>(StringComparer.Ordinal);
        for (var i = 0; i < domains.Count; i++)
            byDomain[domains[i]] = attributes[i];
        return byDomain;
    }

    private static async Task<List<string>> MembersAsync(IAttributeGrain index, CancellationToken cancellationToken)
    {
        var members = new List<string>();
        string? after = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await index.ListAsync(after, MemberPageSize);
            members.AddRange(page.Domains);
            after = page.Next;
        } while (after is not null);
        return members;
    }

    // Bounded so one wide hop does not put hundreds of thousands of calls in flight at once; on the grain's own
    // scheduler, so the traversal keeps the single-threaded guarantee of a grain.
    private static async Task<TResult[]> InParallelAsync<TItem, TResult>(TItem[] items, Func<TItem, Task<TResult>> call, CancellationToken cancellationToken)
    {
        var results = new TResult[items.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Length), new ParallelOptions { MaxDegreeOfParallelism = ParallelCalls, CancellationToken = cancellationToken, TaskScheduler = TaskScheduler.Current },
            async (i, _) => results[i] = await call(items[i]));
        return results;
    }
}
