using System.Collections.Immutable;
using Orleans.Concurrency;
using Rds.Attributes;
using Rds.Disclosure;
using Rds.Domains;
using Rds.Grains.Attributes;
using Rds.Search;

namespace Rds.Grains.Search;

/// <summary>
/// A stateless search worker: it merges the sorted member lists of the matching attributes (a k-way merge on
/// A-labels, so a cursor is just the last name seen) and shapes every result through its domain grain, in parallel.
/// </summary>
[StatelessWorker]
internal sealed class DomainSearchGrain(IAttributeIndexStore table) : Grain, IDomainSearchGrain
{
    async Task<DomainSearchPage> IDomainSearchGrain.SearchAsync(DomainSearch search, DisclosureRequest request, string? after, int limit, bool includeCount)
    {
        var attributes = search.Attributes;
        var truncated = false;
        if (search.NameserverPrefix is { } prefix)
        {
            var names = await table.NameserversWithPrefixAsync(prefix, DomainSearch.MaxPatternNameservers + 1);
            truncated = names.Count > DomainSearch.MaxPatternNameservers;
            attributes = attributes.AddRange(names.Take(DomainSearch.MaxPatternNameservers).Select(name => new AttributeValue(AttributeKind.NameserverName, name)));
        }
        var indexes = attributes.Distinct().Select(value => GrainFactory.GetGrain<IAttributeGrain>(AttributeKey.Of(value))).ToArray();

        var pages = await Task.WhenAll(indexes.Select(index => index.ListAsync(after, limit)));
        // Every list is sorted; the union's first `limit` names are among the lists' first `limit` names.
        var merged = pages.SelectMany(page => page.Domains).Distinct().Order(StringComparer.Ordinal).Take(limit).ToArray();
        var more = merged.Length == limit && pages.Any(page => page.Next is not null || page.Domains.Length > 0 && string.CompareOrdinal(page.Domains[^1], merged[^1]) > 0);

        var disclosed = await Task.WhenAll(merged.Select(domain => GrainFactory.GetGrain<IDomainGrain>(domain).LookupAsync(request)));
        long? total = null;
        if (includeCount)
            total = indexes.Length == 1 ? pages[0].Count : await CountUnionAsync(indexes);
        return new DomainSearchPage
        {
            // A domain deleted between the index read and its lookup is left out rather than shown empty.
            Results = [.. disclosed.Where(result => result is not null).Select(result => result!)],
            Next = more ? merged[^1] : null,
            TotalCount = total,
            Truncated = truncated,
        };
    }

    // Several attributes can share domains, so their union is counted by walking the merged lists.
    private static async Task<long> CountUnionAsync(IAttributeGrain[] indexes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await Task.WhenAll(indexes.Select(async index =>
        {
            string? after = null;
            do
            {
                var page = await index.ListAsync(after, 5_000);
                lock (seen)
                    seen.UnionWith(page.Domains);
                after = page.Next;
            } while (after is not null);
        }));
        return seen.Count;
    }
}
