using Rds.Attributes;
using Rds.Disclosure;
using Rds.Search;

namespace Rds.Gateway.Rdap;

/// <summary>
/// A reverse search (RFC 9536): domains by a property of a related contact entity. Served exactly from the attribute
/// index: <c>email</c> and <c>handle</c> of the registrant or technical contact, narrowed by <c>role</c>, and this
/// server's extension <c>rds_org</c> (the registrant organisation). A search by a value the request could not see in
/// a lookup is refused: otherwise the search would reveal which domains a withheld email belongs to.
/// </summary>
internal sealed record ReverseSearchQuery(DomainSearch Search, string Fingerprint, IReadOnlyList<string> Properties)
{
    public const string Email = "email";
    public const string Handle = "handle";
    public const string Role = "role";
    public const string FullName = "fn";
    public const string Organization = "rds_org";
    private const string Registrant = "registrant";
    private const string Technical = "technical";
    private static readonly string[] ValueProperties = [Email, Handle, Organization, FullName];

    /// <summary>The properties served, with the JSONPath of the value in a domain response (RFC 9536 §5, §6).</summary>
    public static readonly IReadOnlyList<(string Property, string Path)> Served =
    [
        (Email, "$.entities[*].vcardArray[1][?(@[0]=='email')][3]"),
        (Handle, "$.entities[*].handle"),
        (Role, "$.entities[*].roles"),
        (Organization, "$.entities[*].vcardArray[1][?(@[0]=='org')][3]"),
    ];

    public static (ReverseSearchQuery? Query, IResult? Error) Parse(IQueryCollection query, DisclosureRequest disclosure)
    {
        var unknown = query.Keys.Where(key => !ValueProperties.Contains(key) && key != Role && !DomainSearchQuery.PagingParameters.Contains(key)).ToArray();
        if (unknown.Length > 0)
            return Refuse(400, $"Unknown parameter(s): {string.Join(", ", unknown.Select(RdapEndpoints.Printable))}. A reverse search takes one of email, handle, rds_org, and optionally role.");
        var repeated = query.Where(pair => pair.Value.Count != 1 || string.IsNullOrWhiteSpace(pair.Value[0])).Select(pair => pair.Key).ToArray();
        if (repeated.Length > 0)
            return Refuse(400, $"'{RdapEndpoints.Printable(repeated[0])}' must be given once, with a value.");
        var given = ValueProperties.Where(query.ContainsKey).ToArray();
        if (given.Length != 1)
            return Refuse(given.Length == 0 ? 400 : 422, "A reverse search takes exactly one of email, handle, rds_org (role may narrow it).");
        var property = given[0];
        if (property == FullName)
            return Refuse(422, "Searching by 'fn' is not served: contact names are not indexed. Search by email, handle or rds_org.");
        var value = query[property][0]!;
        if (value.Contains('*'))
            return Refuse(422, "Reverse searches match exact values; patterns with '*' are not served.");

        var roles = query.TryGetValue(Role, out var role) ? [role[0]!.Trim().ToLowerInvariant()] : new[] { Registrant, Technical };
        if (roles.Any(r => r is not (Registrant or Technical)))
            return Refuse(422, $"role '{RdapEndpoints.Printable(role[0])}' is not served; use registrant or technical.");
        var kinds = roles.Select(r => KindOf(property, r)).OfType<AttributeKind>().ToArray();
        if (kinds.Length == 0)
            return Refuse(422, $"'{property}' is served for the registrant only.");

        var visible = kinds.Where(disclosure.Discloses).ToArray();
        if (visible.Length == 0)
            return (null, RdapError.Result(StatusCodes.Status403Forbidden, "Forbidden",
                $"Searching by {property} reveals contact data this request does not disclose: ask for {string.Join(" or ", kinds.Select(kind => DisclosureRequest.ElementOf(kind)!.Value.RedactedName()))} in RDS-Elements, if your accreditation allows it."));

        var values = new List<AttributeValue>();
        foreach (var kind in visible)
        {
            if (!AttributeNormalizer.TryNormalize(kind, value, out var normalized, out var error))
                return Refuse(400, $"'{RdapEndpoints.Printable(value)}' is not a valid {property}.", error!);
            values.Add(normalized);
        }
        var fingerprint = "reverse:" + string.Join("|", values.Select(v => $"{v.Kind}={v.Value}"));
        string[] properties = query.ContainsKey(Role) ? [property, Role] : [property];
        return (new ReverseSearchQuery(new DomainSearch { Attributes = [.. values] }, fingerprint, properties), null);
    }

    private static AttributeKind? KindOf(string property, string role) => (property, role) switch
    {
        (Email, Registrant) => AttributeKind.RegistrantEmail,
        (Email, Technical) => AttributeKind.TechEmail,
        (Handle, Registrant) => AttributeKind.RegistryRegistrantId,
        (Handle, Technical) => AttributeKind.TechId,
        (Organization, Registrant) => AttributeKind.RegistrantOrganization,
        _ => null,
    };

    private static (ReverseSearchQuery?, IResult?) Refuse(int status, params string[] description) =>
        (null, RdapError.Result(status, status == 422 ? "Unprocessable Content" : "Bad Request", description));
}
