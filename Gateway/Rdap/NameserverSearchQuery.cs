using Rds.Nameservers;

namespace Rds.Gateway.Rdap;

/// <summary>
/// Parses a nameserver search (RFC 9082 §3.2.2: <c>name</c> or <c>ip</c>) into what the index can serve, or the
/// RDAP error that says why not: 400 for malformed input, 422 for a well-formed pattern this server cannot serve.
/// </summary>
internal sealed record NameserverSearchQuery(NameserverSearch Search, string Fingerprint)
{
    private const string Name = "name";
    private const string Ip = "ip";
    private static readonly string[] SearchParameters = [Name, Ip];

    public static (NameserverSearchQuery? Query, IResult? Error) Parse(IQueryCollection query)
    {
        var unknown = query.Keys.Where(key => !SearchParameters.Contains(key) && !DomainSearchQuery.PagingParameters.Contains(key)).ToArray();
        if (unknown.Length > 0)
            return (null, RdapError.BadRequest($"Unknown parameter(s): {string.Join(", ", unknown.Select(RdapEndpoints.Printable))}. Nameserver searches take one of name, ip."));
        var given = SearchParameters.Where(query.ContainsKey).ToArray();
        if (given.Length != 1)
            return (null, RdapError.BadRequest("A nameserver search takes exactly one of name, ip."));
        var parameter = given[0];
        if (query[parameter] is not { Count: 1 } values || string.IsNullOrWhiteSpace(values[0]))
            return (null, RdapError.BadRequest($"'{parameter}' must be given once, with a value."));
        var value = values[0]!;

        // Fingerprints bind cursors to one query; they differ from the domain searches', so a cursor cannot cross over.
        if (parameter == Ip)
        {
            var (address, error) = SearchAddress.Parse(value);
            return error is null ? (new NameserverSearchQuery(new NameserverSearch { Address = address.Value }, $"nameservers?ip={address.Value}"), null) : (null, error);
        }
        var (pattern, refused) = NamePattern.Parse(value);
        if (refused is not null)
            return (null, refused);
        return pattern.Prefix is { } prefix
            ? (new NameserverSearchQuery(new NameserverSearch { NamePrefix = prefix }, $"nameservers?name*={prefix}"), null)
            : (new NameserverSearchQuery(new NameserverSearch { Name = pattern.Name }, $"nameservers?name={pattern.Name}"), null);
    }
}
