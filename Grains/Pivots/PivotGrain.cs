using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Rds.Attributes;
using Rds.Domains;
using Rds.Grains.Attributes;
using Rds.Pivots;

namespace Rds.Grains.Pivots;

/// <summary>
/// One breadth-first traversal over the domain–attribute graph. Each hop fans out in parallel: each new attribute's
/// count and, within the cap, its members; then the attribute values of the domains found. Both are read from what
/// grains active in this silo published (<see cref="ActiveAttributeMembers"/>, <see cref="ActiveDomainAttributes"/>)
/// and asked by a call otherwise. Memory is bounded by the domain budget (the set of domains seen), the cap (members
/// are read only within it) and the queue of findings not yet taken by the caller.
/// </summary>
internal sealed class PivotGrain(ActiveDomainAttributes activeAttributes, ActiveAttributeMembers activeMembers) : Grain, IPivotGrain
{
    private const int ParallelCalls = 128;
    private const int MemberPageSize = 5_000;
    private const int EventsAhead = 10_000;

    // The traversal runs ahead of the caller into a bounded queue, so that it goes on calling grains while earlier
    // findings travel to the caller (each batch a round trip through the gateway) instead of stopping at each one.
    async IAsyncEnumerable<PivotEvent> IPivotGrain.RunAsync(PivotRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = Channel.CreateBounded<PivotEvent>(new BoundedChannelOptions(EventsAhead) { SingleReader = true, SingleWriter = true });
        var traversal = TraverseAsync(request, events.Writer, stop.Token);
        try
        {
            while (await events.Reader.WaitToReadAsync(cancellationToken))
            {
                while (events.Reader.TryRead(out var found))
                    yield return found;
            }
        }
        finally
        {
            // The caller stopped reading (or went away): stop the traversal too.
            await stop.CancelAsync();
            await traversal;
        }
    }

    private async Task TraverseAsync(PivotRequest request, ChannelWriter<PivotEvent> events, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var found in TraversalAsync(request, cancellationToken))
                await events.WriteAsync(found, cancellationToken);
            events.TryComplete();
        }
        catch (Exception failure)
        {
            events.TryComplete(failure);
        }
    }

    private async IAsyncEnumerable<PivotEvent> TraversalAsync(PivotRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
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
            var expansions = await ExpandAllAsync(toMeet, request.FanOutCap, cancellationToken);
            for (var i = 0; i < toMeet.Length; i++)
                yield return new PivotEvent { Kind = PivotEventKind.Attribute, Hop = hop, Attribute = toMeet[i], Count = expansions[i].Count, OverCap = expansions[i].OverCap };

            var found = new List<string>();
            for (var i = 0; i < toMeet.Length; i++)
            {
                foreach (var domain in expansions[i].Members)
                {
                    if (!seen.Add(domain))
                        continue;
                    found.Add(domain);
                    yield return new PivotEvent { Kind = PivotEventKind.Domain, Hop = hop + 1, Domain = domain, Attribute = toMeet[i] };
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

    // Domains active in this silo answer from what they published; the others are asked.
    private async Task<Dictionary<string, ImmutableArray<AttributeValue>?>> AttributesOfAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        var byDomain = new Dictionary<string, ImmutableArray<AttributeValue>?>(domains.Count, StringComparer.Ordinal);
        var ask = new List<string>();
        foreach (var domain in domains)
        {
            if (activeAttributes.TryGet(domain, out var values))
                byDomain[domain] = values;
            else
                ask.Add(domain);
        }
        var answers = await InParallelAsync(ask.ToArray(), domain => GrainFactory.GetGrain<IDomainGrain>(domain).AttributesAsync(), cancellationToken);
        for (var i = 0; i < ask.Count; i++)
            byDomain[ask[i]] = answers[i];
        return byDomain;
    }

    // Attributes active in this silo answer from what they published; the others are asked.
    private async Task<Expansion[]> ExpandAllAsync(AttributeValue[] values, int fanOutCap, CancellationToken cancellationToken)
    {
        var expansions = new Expansion[values.Length];
        var ask = new List<int>();
        for (var i = 0; i < values.Length; i++)
        {
            if (activeMembers.TryGet(AttributeKey.Of(values[i]), out var published) && Published(published, fanOutCap) is { } expansion)
                expansions[i] = expansion;
            else
                ask.Add(i);
        }
        var answers = await InParallelAsync([.. ask.Select(i => values[i])], value => ExpandAsync(value, fanOutCap, cancellationToken), cancellationToken);
        for (var i = 0; i < ask.Count; i++)
            expansions[ask[i]] = answers[i];
        return expansions;
    }

    // Null when the members are needed but not all in the grain's memory.
    private static Expansion? Published(PublishedMembers published, int fanOutCap)
    {
        if (published.Count > fanOutCap)
            return new Expansion(published.Count, OverCap: true, []);
        return published.Domains() is { } domains
            ? new Expansion(published.Count, OverCap: false, ImmutableCollectionsMarshal.AsImmutableArray(domains))
            : null;
    }

    // One call per attribute: its count and, within the cap, its members; only an attribute of more members than
    // a page (a cap above MemberPageSize) needs further calls.
    private async Task<Expansion> ExpandAsync(AttributeValue value, int fanOutCap, CancellationToken cancellationToken)
    {
        var index = GrainFactory.GetGrain<IAttributeGrain>(AttributeKey.Of(value));
        var page = await index.ExpandAsync(fanOutCap, MemberPageSize);
        if (page.Count > fanOutCap)
            return new Expansion(page.Count, OverCap: true, []);
        if (page.Next is null)
            return new Expansion(page.Count, OverCap: false, page.Domains);
        var members = new List<string>(page.Domains);
        while (page.Next is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            page = await index.ListAsync(page.Next, MemberPageSize);
            members.AddRange(page.Domains);
        }
        return new Expansion(page.Count, page.Count > fanOutCap, page.Count > fanOutCap ? [] : [.. members]);
    }

    private readonly record struct Expansion(long Count, bool OverCap, ImmutableArray<string> Members);

    // Bounded so one wide hop does not put hundreds of thousands of calls in flight at once. The workers run on the
    // grain's own scheduler, one at a time, so they share the next index without locking.
    private static async Task<TResult[]> InParallelAsync<TItem, TResult>(TItem[] items, Func<TItem, Task<TResult>> call, CancellationToken cancellationToken)
    {
        var results = new TResult[items.Length];
        var next = 0;
        async Task WorkAsync()
        {
            while (next < items.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var i = next++;
                results[i] = await call(items[i]);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(ParallelCalls, items.Length)).Select(_ => WorkAsync()));
        return results;
    }
}
