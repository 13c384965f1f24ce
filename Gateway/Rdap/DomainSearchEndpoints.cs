using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Rds.Disclosure;
using Rds.Gateway.Access;
using Rds.Search;

namespace Rds.Gateway.Rdap;

/// <summary>Domain searches by nameserver (RFC 9082 §3.2.1) and reverse searches by contact (RFC 9536), paged with signed cursors (RFC 8977 style).</summary>
internal static class DomainSearchEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static void MapDomainSearch(this RouteGroupBuilder rdap)
    {
        rdap.MapMethods("/domains", GetAndHead, SearchAsync).WithMetadata(UpfrontRecords.Page);
        rdap.MapMethods("/domains/reverse_search/entity", GetAndHead, ReverseSearchAsync).WithMetadata(UpfrontRecords.Page);
    }

    private static Task<IResult> SearchAsync(HttpRequest request, IGrainFactory grains, RdapRenderer renderer, SearchCursor cursors, IOptions<RdapOptions> options)
    {
        var (query, error) = DomainSearchQuery.Parse(request.Query);
        return error is not null
            ? Task.FromResult(error)
            : PageAsync(request, query!.Search, query.Fingerprint, "/domains", reverseProperties: null, grains, renderer, cursors, options.Value);
    }

    private static async Task<IResult> ReverseSearchAsync(HttpRequest request, IGrainFactory grains, RdapRenderer renderer, SearchCursor cursors, IOptions<RdapOptions> options)
    {
        var disclosure = DisclosureGrant.Of(request.HttpContext).Disclosure;
        var (query, error) = ReverseSearchQuery.Parse(await ResolvePseudonymsAsync(request.Query, disclosure, grains), disclosure);
        return error is not null
            ? error
            : await PageAsync(request, query!.Search, query.Fingerprint, "/domains/reverse_search/entity", query.Properties, grains, renderer, cursors, options.Value);
    }

    // A pseudonymised requestor searches by the pseudonyms it was shown, within their case; the value behind one never leaves the cluster.
    private static async Task<IQueryCollection> ResolvePseudonymsAsync(IQueryCollection query, DisclosureRequest disclosure, IGrainFactory grains)
    {
        if (disclosure.Pseudonyms is not { } key)
            return query;
        var resolved = new Dictionary<string, StringValues>(query.Select(pair => KeyValuePair.Create(pair.Key, pair.Value)));
        foreach (var property in new[] { ReverseSearchQuery.Email, ReverseSearchQuery.Handle })
        {
            if (query[property] is [{ } value] && Pseudonyms.LooksLikePseudonym(value.Trim().ToLowerInvariant())
                && await grains.GetGrain<IPseudonymResolverGrain>(0).ResolveAsync(key, value.Trim().ToLowerInvariant()) is { } original)
                resolved[property] = original.Value;
        }
        return new QueryCollection(resolved);
    }

    private static async Task<IResult> PageAsync(HttpRequest request, DomainSearch search, string fingerprint, string path, IReadOnlyList<string>? reverseProperties,
        IGrainFactory grains, RdapRenderer renderer, SearchCursor cursors, RdapOptions options)
    {
        var (paging, refused) = SearchPaging.Parse(request.Query, fingerprint, cursors);
        if (refused is not null)
            return refused;

        // Searches use the single stateless-worker key: Orleans runs as many local activations as load needs.
        var grant = DisclosureGrant.Of(request.HttpContext);
        // A page never holds more records than the requestor has left today; the cursor carries on from there.
        var (pageSize, overQuota) = await grant.ReserveAsync(options.SearchPageSize);
        if (overQuota is not null)
            return overQuota;
        var page = await grains.GetGrain<IDomainSearchGrain>(0).SearchAsync(search, grant.Disclosure, paging!.After, pageSize, paging.IncludeCount);
        grant.Audit.Disclosed(page.Results.Select(result => result.Record.DomainName));
        var context = RdapRequestContext.From(request);
        var next = page.Next is null
            ? null
            : $"{context.RdapBaseUrl}{path}{SearchCursor.NextQueryString(request.Query, cursors.Create(fingerprint, page.Next))}";
        return new RdapJsonResult(renderer.RenderDomainSearch(page, context, next, pageSize, reverseProperties));
    }
}
