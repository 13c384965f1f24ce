using System.Text.RegularExpressions;
using Rds.Registrars;

namespace Rds.Gateway.Rdap;

/// <summary>Entity lookup (RFC 9082 §3.1.5): registrars by IANA Registrar ID or by name (TIG 2024 §2.4), GET and HEAD alike.</summary>
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
        var registrar = IanaId().IsMatch(handle)
            ? await grains.GetGrain<IRegistrarGrain>(handle).GetAsync()
            : await ByNameAsync(handle, grains);
        if (registrar is not null)
            return new RdapJsonResult(renderer.RenderRegistrar(registrar, RdapRequestContext.From(request)));
        // A handle that names no registrar may be a contact's: a Registry Registrant ID or Registry Tech ID, personal
        // data that the public view of a domain withholds (DisclosureRequest.Discloses). Looking contacts up needs an
        // accredited requestor, which comes with the requestor work; until then every such handle is answered exactly
        // like an unknown one, without looking at contacts, so this endpoint cannot confirm what a domain lookup withholds.
        return RdapError.NotFound($"No entity with the handle '{RdapEndpoints.Printable(handle)}'.");
    }

    // TIG 2024 §2.4.2: the registrar's name (fn) as a handle. Registrars rarely share a name; when they do, the lowest
    // IANA ID answers. A name is listed before its registrar's state changes, so what is listed is checked against it.
    private static async Task<RegistrarView?> ByNameAsync(string handle, IGrainFactory grains)
    {
        if (RegistrarNames.KeyOf(handle) is not { } key)
            return null;
        var wanted = RegistrarNames.Normalize(handle);
        foreach (var ianaId in await grains.GetGrain<IRegistrarNameGrain>(key).IanaIdsAsync())
        {
            if (await grains.GetGrain<IRegistrarGrain>(ianaId).GetAsync() is { } registrar && RegistrarNames.Normalize(registrar.Registrar.Name) == wanted)
                return registrar;
        }
        return null;
    }

    // \z, not $: "$" also matches before a final newline.
    [GeneratedRegex("^[0-9]{1,10}\\z")]
    private static partial Regex IanaId();
}
