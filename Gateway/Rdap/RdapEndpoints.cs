using Rds.Disclosure;
using Rds.Domains;
using Rds.Gateway.Access;
using Rds.Registrations;

namespace Rds.Gateway.Rdap;

/// <summary>RDAP lookups (RFC 9082 §3.1), searches and help; GET and HEAD alike (TIG 2024 §1.8).</summary>
internal static class RdapEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static void MapRdap(this IEndpointRouteBuilder app)
    {
        var rdap = app.MapGroup("/rdap").RequireCors("rdap");
        var data = rdap.MapGroup("").RequireDisclosureAccess();
        data.MapMethods("/domain/{**name}", GetAndHead, LookupDomainAsync).WithMetadata(new UpfrontRecords(1));
        data.MapDomainSearch();
        data.MapNameservers();
        data.MapEntities();
        rdap.MapMethods("/help", GetAndHead, (HttpRequest request, RdapRenderer renderer) =>
            new RdapJsonResult(renderer.RenderHelp(RdapRequestContext.From(request))));
        // RFC 7480 §5.4 asks for a 400 for a query the server cannot parse and §5.2 allows 501 for a type it does not serve.
        rdap.MapMethods("/{**unsupported}", GetAndHead, (string? unsupported) => RdapError.Result(
            StatusCodes.Status501NotImplemented, "Not Implemented", $"This server does not answer '/rdap/{unsupported}'. See /rdap/help."));
    }

    private static async Task<IResult> LookupDomainAsync(string? name, HttpContext context, IGrainFactory grains, RdapRenderer renderer)
    {
        // A catch-all route keeps "a/b.example" (an encoded slash decoded by a proxy) from falling to a generic 404.
        if (InvalidDomainName(name, out var aLabel) is { } invalid)
            return invalid;
        var grant = DisclosureGrant.Of(context);
        if ((await grant.ReserveAsync(1)).OverQuota is { } overQuota)
            return overQuota;
        return await AnswerDomainAsync(aLabel, grant.Disclosure, context, grains, renderer, disclosed => grant.Audit.Disclosed([disclosed]));
    }

    /// <summary>The 400 for a name that is not a domain name; null, with its A-label, for one that is.</summary>
    internal static IResult? InvalidDomainName(string? name, out string aLabel)
    {
        var normalized = DomainNames.Normalize(name);
        aLabel = normalized.ALabel ?? "";
        return normalized.IsValid ? null : RdapError.BadRequest($"'{Printable(name)}' is not a valid domain name.", normalized.Error);
    }

    /// <summary>A domain's record as this disclosure shapes it, rendered; 404 when there is none.</summary>
    internal static async Task<IResult> AnswerDomainAsync(string aLabel, DisclosureRequest disclosure, HttpContext context, IGrainFactory grains, RdapRenderer renderer,
        Action<string>? disclosed = null)
    {
        var answer = await grains.GetGrain<IDomainGrain>(aLabel).LookupAsync(disclosure);
        if (answer is null)
            return RdapError.NotFound($"No registration for '{aLabel}'.");
        disclosed?.Invoke(answer.Record.DomainName);
        return new RdapJsonResult(renderer.RenderDomain(answer, RdapRequestContext.From(context.Request)));
    }

    /// <summary>The name as it may be echoed back: control characters replaced, length bounded.</summary>
    internal static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var bounded = text.Length > 80 ? text[..80] + "…" : text;
        return string.Concat(bounded.Select(c => char.IsControl(c) ? '\uFFFD' : c));
    }
}
