using Microsoft.Extensions.Options;
using Rds.Nameservers;
using Rds.Registrations;

namespace Rds.Gateway.Rdap;

/// <summary>Nameserver lookup (RFC 9082 §3.1.4) and searches by name or glue address (§3.2.2), GET and HEAD alike.</summary>
internal static class NameserverEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static void MapNameservers(this RouteGroupBuilder rdap)
    {
        rdap.MapMethods("/nameserver/{**name}", GetAndHead, LookupAsync);
        rdap.MapMethods("/nameservers", GetAndHead, SearchAsync);
    }

    private static async Task<IResult> LookupAsync(string? name, HttpRequest request, IGrainFactory grains, RdapRenderer renderer)
    {
        var normalized = DomainNames.Normalize(name);
        if (!normalized.IsValid)
            return RdapError.BadRequest($"'{RdapEndpoints.Printable(name)}' is not a valid nameserver name.", normalized.Error);
        // Nameservers are domain attributes here (TIG 2024 §3.11): a name exists while a registered domain delegates to it.
        var view = await grains.GetGrain<INameserverDirectoryGrain>(0).LookupAsync(normalized.ALabel);
        if (view is null)
            return RdapError.NotFound($"No registered domain delegates to '{normalized.ALabel}'.");
        return new RdapJsonResult(renderer.RenderNameserver(view, RdapRequestContext.From(request)));
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, IGrainFactory grains, RdapRenderer renderer, SearchCursor cursors, IOptions<RdapOptions> options)
    {
        var (query, error) = NameserverSearchQuery.Parse(request.Query);
        if (error is not null)
            return error;
        var (paging, refused) = SearchPaging.Parse(request.Query, query!.Fingerprint, cursors);
        if (refused is not null)
            return refused;

        var pageSize = options.Value.SearchPageSize;
        var page = await grains.GetGrain<INameserverDirectoryGrain>(0).SearchAsync(query.Search, paging!.After, pageSize, paging.IncludeCount);
        // RFC 7480 §5.3: an empty result set is a 404 (and ICANN's nameserverSearchResults schema wants one result at least).
        if (page.Results.IsEmpty)
            return RdapError.NotFound("No nameserver matches this search.");
        var context = RdapRequestContext.From(request);
        var next = page.Next is null
            ? null
            : $"{context.RdapBaseUrl}/nameservers{SearchCursor.NextQueryString(request.Query, cursors.Create(query.Fingerprint, page.Next))}";
        return new RdapJsonResult(renderer.RenderNameserverSearch(page, context, next, pageSize));
    }
}
