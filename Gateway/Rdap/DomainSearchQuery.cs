using Microsoft.Extensions.Primitives;
using Rds.Attributes;
using Rds.Registrations;
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
            NameserverIp => AttributeNormalizer.TryNormalize(AttributeKind.NameserverIp, value, out var address, out var error)
                ? (new DomainSearchQuery(new DomainSearch { Attributes = [address] }, $"{NameserverIp}={address.Value}"), null)
                : Refuse(400, $"'{RdapEndpoints.Printable(value)}' is not an IP address.", error!),
            _ => Refuse(422, "Searching domains by name is not supported by this server; look a name up with /rdap/domain/{name}."),
        };
    }

    private static (DomainSearchQuery?, IResult?) ParseNameserverName(string value)
    {
        var stars = value.Count(c => c == '*');
        if (stars == 0)
        {
            var name = DomainNames.Normalize(value);
            return name.IsValid
                ? (new DomainSearchQuery(new DomainSearch { Attributes = [new AttributeValue(AttributeKind.NameserverName, name.ALabel)] }, $"{NameserverName}={name.ALabel}"), null)
                : Refuse(400, $"'{RdapEndpoints.Printable(value)}' is not a valid nameserver name.", name.Error);
        }
        // RFC 9082 §4.1: one '*', ending the pattern. The index holds names in order, so it serves prefixes only.
        if (stars > 1 || !value.EndsWith('*'))
            return Refuse(422, "Only one '*', at the end of the pattern, is supported (e.g. ns1.example*).");
        var prefix = value[..^1].ToLowerInvariant();
        if (prefix.Length < 2)
            return Refuse(422, "The pattern is too broad: give at least two characters before '*'.");
        if (!prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            return Refuse(422, "A pattern can only be served in A-label (ASCII) form; write IDN labels as xn--.");
        return (new DomainSearchQuery(new DomainSearch { NameserverPrefix = prefix }, $"{NameserverName}*={prefix}"), null);
    }

    private static (DomainSearchQuery?, IResult?) Refuse(int status, params string[] description) =>
        (null, RdapError.Result(status, status == 422 ? "Unprocessable Content" : "Bad Request", description));

    /// <summary>The query string of the next page: the same parameters, the new cursor.</summary>
    public static string NextQueryString(IQueryCollection query, string cursor)
    {
        var kept = query.Where(pair => pair.Key != "cursor")
            .SelectMany(pair => pair.Value.Select(v => KeyValuePair.Create(pair.Key, (StringValues)v)));
        return QueryString.Create(kept.Append(KeyValuePair.Create("cursor", (StringValues)cursor))).ToUriComponent();
    }
}
