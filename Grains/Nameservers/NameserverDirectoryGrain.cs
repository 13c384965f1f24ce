using Orleans.Concurrency;
using Rds.Attributes;
using Rds.Disclosure;
using Rds.Domains;
using Rds.Grains.Attributes;
using Rds.Nameservers;

namespace Rds.Grains.Nameservers;

/// <summary>
/// A stateless worker that answers nameserver lookups and searches from what exists already: the attribute index
/// (whether, and by how many domains, a name is used; which domains use an address), its directory of names (for
/// patterns), and the delegating domains' records, read through the public disclosure like any lookup (see
/// <see cref="NameserverGlue"/> for which records give the addresses).
/// </summary>
[StatelessWorker]
internal sealed class NameserverDirectoryGrain(IAttributeIndexStore table) : Grain, INameserverDirectoryGrain
{
    Task<NameserverView?> INameserverDirectoryGrain.LookupAsync(string name) => ViewAsync(name);

    async Task<NameserverSearchPage> INameserverDirectoryGrain.SearchAsync(NameserverSearch search, string? after, int limit, bool includeCount)
    {
        if (search.Address is { } address)
            return await ByAddressAsync(address, after, limit, includeCount);
        if (search.NamePrefix is { } prefix)
            return await ByPrefixAsync(prefix, after, limit, includeCount);
        var view = search.Name is { } name && (after is null || string.CompareOrdinal(name, after) > 0) ? await ViewAsync(name) : null;
        return new NameserverSearchPage { Results = view is null ? [] : [view], TotalCount = includeCount ? (view is null ? 0 : 1) : null };
    }

    private async Task<NameserverView?> ViewAsync(string name)
    {
        var index = GrainFactory.GetGrain<IAttributeGrain>(AttributeKey.Of(new AttributeValue(AttributeKind.NameserverName, name)));
        var delegating = await index.ListAsync(null, NameserverGlue.DomainsRead);
        if (delegating.Count == 0)
            return null;
        // Only for a name in use: an unknown name must not activate a domain grain per parent name.
        var superordinates = Task.WhenAll(NameserverGlue.Superordinates(name).Select(LookupAsync));
        var records = await Task.WhenAll(delegating.Domains.Select(LookupAsync));
        return NameserverGlue.View(name, delegating.Count, Registered(await superordinates), Registered(records));
    }

    private Task<DisclosedRegistration?> LookupAsync(string domain) =>
        GrainFactory.GetGrain<IDomainGrain>(domain).LookupAsync(DisclosureRequest.Public);

    private static DisclosedRegistration[] Registered(DisclosedRegistration?[] records) => [.. records.OfType<DisclosedRegistration>()];

    private async Task<NameserverSearchPage> ByPrefixAsync(string prefix, string? after, int limit, bool includeCount)
    {
        var names = await table.NameserversWithPrefixAsync(prefix, limit + 1, after);
        var page = names.Take(limit).ToArray();
        // A name leaves the directory just after its last domain does: one read in between finds no view, and is skipped.
        var views = await Task.WhenAll(page.Select(ViewAsync));
        long? total = includeCount ? (await table.NameserversWithPrefixAsync(prefix, int.MaxValue)).Count : null;
        return new NameserverSearchPage
        {
            Results = [.. views.OfType<NameserverView>()],
            Next = names.Count > limit ? page[^1] : null,
            TotalCount = total,
        };
    }

    // The index maps an address to the domains whose glue has it, not to nameservers: the nameservers are found in
    // those domains' records, read up to a bound. A result must show the address in its own view, as a lookup would.
    private async Task<NameserverSearchPage> ByAddressAsync(string address, string? after, int limit, bool includeCount)
    {
        var index = GrainFactory.GetGrain<IAttributeGrain>(AttributeKey.Of(new AttributeValue(AttributeKind.NameserverIp, address)));
        var domains = await index.ListAsync(null, NameserverSearch.MaxAddressDomains);
        var records = Registered(await Task.WhenAll(domains.Domains.Select(LookupAsync)));
        var candidates = records.SelectMany(r => NameserverGlue.NamesWithAddress(r.Record, address))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
        bool Follows(string name) => after is null || string.CompareOrdinal(name, after) > 0;

        // With a count every candidate is examined; without, only as many as fill this page and tell if there is more.
        var pending = includeCount ? candidates : [.. candidates.Where(Follows)];
        var matches = new List<NameserverView>();
        for (var examined = 0; examined < pending.Length && (includeCount || matches.Count <= limit); examined += limit)
        {
            var views = await Task.WhenAll(pending.Skip(examined).Take(limit).Select(ViewAsync));
            matches.AddRange(views.OfType<NameserverView>().Where(view => NameserverGlue.Shows(view, address)));
        }
        var following = matches.Where(view => Follows(view.Name)).ToArray();
        var results = following.Take(limit).ToArray();
        return new NameserverSearchPage
        {
            Results = [.. results],
            Next = following.Length > limit ? results[^1].Name : null,
            TotalCount = includeCount ? matches.Count : null,
            Truncated = domains.Next is not null,
        };
    }
}
