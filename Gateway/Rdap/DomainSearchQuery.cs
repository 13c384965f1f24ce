using Rds.Attributes;
using Rds.Search;

namespace Rds.Gateway.Rdap;

/// <summary>
/// Parses a domain search (RFC 9082 §3.2.1) into what the index can serve, or the RDAP error that says why not:
/// 400 for malformed input, 422 for a well-formed pattern this server cannot serve.
/// </summary>
internal sealed record DomainSearchQuery(DomainSearch Search, string Fingerprint)
{
    private const string NameserverName = "nsLdhName";
    private const string NameserverIp = "nsIp";
    private const string DomainName = "name";
    private static readonly string[] SearchParameters = [NameserverName, NameserverIp, DomainName];
    internal static readonly string[] PagingParameters = ["count", "cursor"];

    public static (DomainSearchQuery? Query, IResult? Error) Parse(IQueryCollection query)
    {
        var unknown = query.Keys.Where(key => !SearchParameters.Contains(key) && !PagingParameters.Contains(key)).ToArray();
        if (unknown.Length > 0)
            return Refuse(400, $"Unknown parameter(s): {string.Join(", ", unknown.Select(RdapEndpoints.Printable))}. Domain searches take one of nsLdhName, nsIp.");
        var given = SearchParameters.Where(query.ContainsKey).ToArray();
        if (given.Length != 1)
            return Refuse(400, "A domain search takes exactly one of nsLdhName, nsIp.");
        var parameter = given[0];
        if (query[parameter] is not { Count: 1 } values || string.IsNullOrWhiteSpace(values[0]))
            return Refuse(400, $"'{parameter}' must be given once, with a value.");
        var value = values[0]!;

        return parameter switch
        {
            NameserverName => ParseNameserverName(value),
            NameserverIp => ParseAddress(value),
            _ => Refuse(422, "Searching domains by name is not supported by this server; look a name up with /rdap/domain/{name}."),
        };
    }

    private static (DomainSearchQuery?, IResult?) ParseNameserverName(string value)
    {
        var (pattern, error) = NamePattern.Parse(value);
        if (error is not null)
            return (null, error);
        return pattern.Prefix is { } prefix
            ? (new DomainSearchQuery(new DomainSearch { NameserverPrefix = prefix }, $"{NameserverName}*={prefix}"), null)
            : (new DomainSearchQuery(new DomainSearch { Attributes = [new AttributeValue(AttributeKind.NameserverName, pattern.Name!)] }, $"{NameserverName}={pattern.Name}"), null);
    }

    private static (DomainSearchQuery?, IResult?) ParseAddress(string value)
    {
        var (address, error) = SearchAddress.Parse(value);
        return error is null ? (new DomainSearchQuery(new DomainSearch { Attributes = [address] }, $"{NameserverIp}={address.Value}"), null) : (null, error);
    }

    private static (DomainSearchQuery?, IResult?) Refuse(int status, params string[] description) => (null, NamePattern.Refuse(status, description));
}
