using Rds.Registrations;

namespace Rds.Gateway.Rdap;

/// <summary>
/// A nameserver name or an RFC 9082 §4.1 search pattern, as both nameserver-name searches take it. The directory of
/// names is ordered, so a pattern is served only as a prefix: one '*', at the end, after at least two A-label
/// characters; other patterns are well-formed but not served (422), an invalid name is 400.
/// </summary>
internal readonly record struct NamePattern(string? Name, string? Prefix)
{
    private const int MinPrefixLength = 2;
    private const int MaxNameLength = 253;

    public static (NamePattern Pattern, IResult? Error) Parse(string value)
    {
        var stars = value.Count(c => c == '*');
        if (stars == 0)
        {
            var name = DomainNames.Normalize(value);
            return name.IsValid
                ? (new NamePattern(name.ALabel, null), null)
                : (default, Refuse(400, $"'{RdapEndpoints.Printable(value)}' is not a valid nameserver name.", name.Error));
        }
        if (stars > 1 || !value.EndsWith('*'))
            return (default, Refuse(422, "Only one '*', at the end of the pattern, is supported (e.g. ns1.example*)."));
        var prefix = value[..^1].ToLowerInvariant();
        if (prefix.Length < MinPrefixLength)
            return (default, Refuse(422, $"The pattern is too broad: give at least {MinPrefixLength} characters before '*'."));
        if (prefix.Length > MaxNameLength)
            return (default, Refuse(400, $"The pattern is longer than any name ({MaxNameLength} characters)."));
        if (!prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            return (default, Refuse(422, "A pattern can only be served in A-label (ASCII) form; write IDN labels as xn--."));
        return (new NamePattern(null, prefix), null);
    }

    /// <summary>An RDAP error for a query that is malformed (400) or well-formed but not served (422).</summary>
    public static IResult Refuse(int status, params string[] description) =>
        RdapError.Result(status, status == StatusCodes.Status422UnprocessableEntity ? "Unprocessable Content" : "Bad Request", description);
}
