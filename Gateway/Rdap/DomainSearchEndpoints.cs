using Microsoft.Extensions.Options;
using Rds.Gateway.Access;
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

        string? after = null;
        if (request.Query.TryGetValue("cursor", out var cursor) && (cursor.Count != 1 || !cursors.TryRead(query!.Fingerprint, cursor[0]!, out after)))
            return RdapError.BadRequest("The cursor is not valid for this query: it was altered, or belongs to another search.");
        var includeCount = false;
        if (request.Query.TryGetValue("count", out var count) && !bool.TryParse(count, out includeCount))
            return RdapError.BadRequest("'count' must be true or false.");

        var pageSize = options.Value.SearchPageSize;
        // Searches use the single stateless-worker key: Orleans runs as many local activations as load needs.
        var page = await grains.GetGrain<IDomainSearchGrain>(0).SearchAsync(query!.Search, DisclosureGrant.Of(request.HttpContext).Disclosure, after, pageSize, includeCount);
        var context = RdapRequestContext.From(request);
        var next = page.Next is null
            ? null
            : $"{context.RdapBaseUrl}/domains{DomainSearchQuery.NextQueryString(request.Query, cursors.Create(query.Fingerprint, page.Next))}";
        return new RdapJsonResult(renderer.RenderDomainSearch(page, context, next, pageSize));
    }
}
