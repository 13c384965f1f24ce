using System.Globalization;
using System.Net;

namespace Rds.Tools.Generation;

/// <summary>
/// Glue addresses from the documentation ranges only (RFC 5737: 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24;
/// RFC 3849: 2001:db8::/32), so generated data can never point at a real host. Text is the canonical form
/// (RFC 5952 for IPv6, as <see cref="IPAddress.ToString"/> writes it).
/// </summary>
internal static class DocumentationAddresses
{
    private static readonly string[] Ipv4Prefixes = ["192.0.2.", "198.51.100.", "203.0.113."];

    /// <summary>One of the 762 usable documentation IPv4 addresses, chosen by <paramref name="value"/>.</summary>
    public static string Ipv4(ulong value)
    {
        var prefix = Ipv4Prefixes[(int)(value % (ulong)Ipv4Prefixes.Length)];
        var host = 1 + (int)(value / (ulong)Ipv4Prefixes.Length % 254);
        return prefix + host.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An address in 2001:db8::/32 whose network bits come from <paramref name="network"/> and host part is <paramref name="host"/>.</summary>
    public static string Ipv6(ulong network, ushort host)
    {
        var bytes = new byte[16];
        bytes[0] = 0x20;
        bytes[1] = 0x01;
        bytes[2] = 0x0d;
        bytes[3] = 0xb8;
        for (var i = 0; i < 4; i++)
        {
            bytes[4 + i] = (byte)(network >> (8 * i));
        }

        bytes[14] = (byte)(host >> 8);
        bytes[15] = (byte)host;
        return new IPAddress(bytes).ToString();
    }
}
