using System.Text.RegularExpressions;
using Rds.Registrars;

namespace Rds.Gateway.Rdap;

/// <summary>Entity lookup (RFC 9082 §3.1.5): registrars by their IANA Registrar ID (TIG 2024 §2.4.1), GET and HEAD alike.</summary>
internal static partial class EntityEndpoints
{
    public static void MapEntities(this RouteGroupBuilder rdap) =>
        rdap.MapMethods("/entity/{**handle}", [HttpMethods.Get, HttpMethods.Head], LookupAsync);

    private static async Task<IResult> LookupAsync(string? handle, HttpRequest request, IGrainFactory grains, RdapRenderer renderer)
    {
        if (string.IsNullOrWhiteSpace(handle))
            return RdapError.BadRequest("An entity lookup needs a handle: /rdap/entity/{handle}.");
        // The registrar entity of a domain has the IANA Registrar ID as its handle (RP 2024 §2.4.1), and registrar
        // data is public: no data element of a registrar is redactable (RP 2024 Appendix E).
        if (IanaId().IsMatch(handle) && await grains.GetGrain<IRegistrarGrain>(handle).GetAsync() is { } registrar)
            return new RdapJsonResult(renderer.RenderRegistrar(registrar, RdapRequestContext.From(request)));
        // Any other handle may be a contact's: a Registry Registrant ID or Registry Tech ID, personal data that the
        // public view of a domain withholds (DisclosureRequest.Discloses). Looking contacts up needs an accredited
        // requestor, which comes with the requestor work; until then every such handle is answered exactly like an
        // unknown one, without looking, so that this endpoint cannot confirm a handle a domain lookup withholds.
        return RdapError.NotFound($"No entity with the handle '{RdapEndpoints.Printable(handle)}'.");
    }

    [GeneratedRegex("^[0-9]{1,10}$")]
    private static partial Regex IanaId();
}
