using Microsoft.Extensions.Options;
using Rds.Disclosure;
using Rds.Search;

namespace Rds.Gateway.Rdap;

/// <summary>Domain searches by nameserver (RFC 9082 §3.2.1), paged with signed cursors (RFC 8977 style).</summary>
internal static class DomainSearchEndpoints
{
    public static void MapDomainSearch(this RouteGroupBuilder rdap) =>
        rdap.MapMethods("/domains", [HttpMethods.Get, HttpMethods.Head], SearchAsync);

    private static async Task<IResult> SearchAsync(HttpRequest request, IGrainFactory grains, RdapRenderer renderer, SearchCursor cursors, IOptions<RdapOptions> options)
    {
        var (query, error) = DomainSearchQuery.Parse(request.Query);
        if (error is not null)
            return error;
        var (paging, refused) = SearchPaging.Parse(request.Query, query!.Fingerprint, cursors);
        if (refused is not null)
            return refused;

        var pageSize = options.Value.SearchPageSize;
        // Searches use the single stateless-worker key: Orleans runs as many local activations as load needs.
        var page = await grains.GetGrain<IDomainSearchGrain>(0).SearchAsync(query.Search, DisclosureRequest.Public, paging!.After, pageSize, paging.IncludeCount);
        var context = RdapRequestContext.From(request);
        var next = page.Next is null
            ? null
            : $"{context.RdapBaseUrl}/domains{SearchCursor.NextQueryString(request.Query, cursors.Create(query.Fingerprint, page.Next))}";
        return new RdapJsonResult(renderer.RenderDomainSearch(page, context, next, pageSize));
    }
}
