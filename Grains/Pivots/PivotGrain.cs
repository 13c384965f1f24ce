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
    private const int FindingsAhead = 1_000;

    // The traversal runs ahead of the caller into a bounded queue, so that it goes on calling grains while earlier
    // findings travel to the caller (each batch a round trip through the gateway) instead of stopping at each one.
    async IAsyncEnumerable<PivotFindings> IPivotGrain.RunAsync(PivotRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var findings = Channel.CreateBounded<PivotFindings>(new BoundedChannelOptions(FindingsAhead) { SingleReader = true, SingleWriter = true });
        var traversal = TraverseAsync(request, findings.Writer, stop.Token);
        try
        {
            while (await findings.Reader.WaitToReadAsync(cancellationToken))
            {
                while (findings.Reader.TryRead(out var found))
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

    private async Task TraverseAsync(PivotRequest request, ChannelWriter<PivotFindings> findings, CancellationToken cancellationToken)
    {
        try
        {
            await TraversalAsync(request, findings, cancellationToken);
            findings.TryComplete();
        }
        catch (Exception failure)
        {
            findings.TryComplete(failure);
        }
    }

    private async Task TraversalAsync(PivotRequest request, ChannelWriter<PivotFindings> output, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var follow = new bool[Enum.GetValues<AttributeKind>().Max(kind => (int)kind) + 1];
        foreach (var kind in request.Follow)
            follow[(int)kind] = true;
        // The values met, one set per kind: a set of strings starts on .NET's non-randomised string hash (switching
        // only if collisions pile up), where AttributeValue's record hash combines the randomised one with its kind;
        // a wide pivot meets values by the hundred thousand.
        var metByKind = new HashSet<string>[follow.Length];
        for (var kind = 0; kind < metByKind.Length; kind++)
            metByKind[kind] = new HashSet<string>(StringComparer.Ordinal);
        bool Meet(AttributeValue value) => metByKind[(int)value.Kind].Add(value.Value);

        var seeds = request.SeedDomains.Distinct().ToArray();
        var seedAttributes = await AttributesOfAsync(seeds, cancellationToken);
        var frontier = new List<ImmutableArray<AttributeValue>>(seeds.Length);
        var reported = new List<string>(seeds.Length);
        for (var i = 0; i < seeds.Length; i++)
        {
            // A seed that is not registered leads nowhere and is not reported.
            if (seedAttributes[i] is not { } attributes || !seen.Add(seeds[i]))
                continue;
            frontier.Add(attributes);
            reported.Add(seeds[i]);
            if (seen.Count >= request.MaxDomains)
            {
                await output.WriteAsync(new PivotFindings { Hop = 0, Domains = [.. reported] }, cancellationToken);
                await output.WriteAsync(End(0, "maxDomains"), cancellationToken);
                return;
            }
        }
        if (reported.Count > 0)
            await output.WriteAsync(new PivotFindings { Hop = 0, Domains = [.. reported] }, cancellationToken);

        for (var hop = 0; hop < request.MaxDepth; hop++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var toMeet = new List<AttributeValue>();
            if (hop == 0)
                toMeet.AddRange(request.SeedAttributes.Where(Meet));
            foreach (var values in frontier)
            {
                foreach (var value in values)
                {
                    if (follow[(int)value.Kind] && Meet(value))
                        toMeet.Add(value);
                }
            }
            toMeet.Sort(static (a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : string.CompareOrdinal(a.Value, b.Value));
            var expansions = await ExpandAllAsync(toMeet, request.FanOutCap, cancellationToken);
            if (toMeet.Count > 0)
            {
                await output.WriteAsync(new PivotFindings
                {
                    Hop = hop,
                    Attributes = [.. toMeet.Select((value, i) => new MetAttribute(value, expansions[i].Count, expansions[i].OverCap))],
                }, cancellationToken);
            }

            var found = new List<string>();
            for (var i = 0; i < toMeet.Count; i++)
            {
                var via = new List<string>();
                foreach (var domain in expansions[i].Members)
                {
                    if (!seen.Add(domain))
                        continue;
                    via.Add(domain);
                    if (seen.Count >= request.MaxDomains)
                        break;
                }
                if (via.Count > 0)
                    await output.WriteAsync(new PivotFindings { Hop = hop + 1, Via = toMeet[i], Domains = [.. via] }, cancellationToken);
                found.AddRange(via);
                if (seen.Count >= request.MaxDomains)
                {
                    await output.WriteAsync(End(hop + 1, "maxDomains"), cancellationToken);
                    return;
                }
            }
            if (found.Count == 0)
            {
                await output.WriteAsync(End(hop + 1, "complete"), cancellationToken);
                return;
            }
            // The last hop's domains are reported but not followed: their attributes would lead past the depth.
            frontier = hop + 1 < request.MaxDepth
                ? [.. (await AttributesOfAsync(found, cancellationToken)).Where(values => values is not null).Select(values => values!.Value)]
                : [];
        }
        await output.WriteAsync(End(request.MaxDepth, "maxDepth"), cancellationToken);
    }

    private static PivotFindings End(int hop, string reason) => new() { Hop = hop, StopReason = reason };

    // Domains active in this silo answer from what they published; the others are asked. Null for a domain not
    // registered; in the order asked.
    private async Task<ImmutableArray<AttributeValue>?[]> AttributesOfAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        var values = new ImmutableArray<AttributeValue>?[domains.Count];
        var ask = new List<int>();
        for (var i = 0; i < domains.Count; i++)
        {
            if (activeAttributes.TryGet(domains[i], out var published))
                values[i] = published;
            else
                ask.Add(i);
        }
        var answers = await InParallelAsync([.. ask.Select(i => domains[i])], domain => GrainFactory.GetGrain<IDomainGrain>(domain).AttributesAsync(), cancellationToken);
        for (var i = 0; i < ask.Count; i++)
            values[ask[i]] = answers[i];
        return values;
    }

    // Attributes active in this silo answer from what they published; the others are asked.
    private async Task<Expansion[]> ExpandAllAsync(List<AttributeValue> values, int fanOutCap, CancellationToken cancellationToken)
    {
        var expansions = new Expansion[values.Count];
        var ask = new List<int>();
        for (var i = 0; i < values.Count; i++)
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
