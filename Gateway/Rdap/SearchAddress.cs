using Rds.Attributes;

namespace Rds.Gateway.Rdap;

/// <summary>
/// An IP address as the searches take it (domains by nsIp, nameservers by ip): any notation, matched in the
/// canonical form the index holds. A zone index ("%eth0") names no glue and is refused. An IPv4-mapped IPv6 address
/// (::ffff:192.0.2.1) is an IPv6 literal like any other and matches glue given in that form, not IPv4 glue: the
/// registry stores glue as it was registered, so matching stays exact.
/// </summary>
internal static class SearchAddress
{
    public static (AttributeValue Address, IResult? Error) Parse(string value)
    {
        if (!value.Contains('%') && AttributeNormalizer.TryNormalize(AttributeKind.NameserverIp, value, out var address, out _))
            return (address, null);
        return (default, RdapError.BadRequest($"'{RdapEndpoints.Printable(value)}' is not an IPv4 or IPv6 address."));
    }
}
