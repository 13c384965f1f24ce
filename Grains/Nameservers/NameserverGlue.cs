using System.Collections.Immutable;
using System.Net;
using Rds.Disclosure;
using Rds.Nameservers;
using Rds.Registrations;

namespace Rds.Grains.Nameservers;

/// <summary>
/// How a nameserver's addresses are read from domain records. Nameservers are attributes of domains here (there is
/// no host object), and each record gives its own glue for each of its nameservers, so records can disagree:
/// <list type="bullet">
/// <item>when the name is inside a registered domain that delegates to it with glue (the in-domain case of
/// RFC 8499, the only one in which glue is needed and in which RP 2024 §4.2 asks for it), that domain's glue is
/// the answer, as the host object of that domain would hold it;</item>
/// <item>otherwise the answer is the union of the glue the first <see cref="DomainsRead"/> delegating domains (in
/// A-label order) give: addresses that only later domains give are not shown, which the rendering says.</item>
/// </list>
/// </summary>
internal static class NameserverGlue
{
    /// <summary>Delegating domains read for the addresses of a name that is not in a registered domain's glue.</summary>
    public const int DomainsRead = 10;

    /// <summary>
    /// The names a host can be in-domain of, longest first: itself (a name server may be named as the domain) and its
    /// parents down to two labels, as a registration is never a bare TLD.
    /// </summary>
    public static ImmutableArray<string> Superordinates(string host)
    {
        var labels = host.Split('.');
        return [.. Enumerable.Range(0, Math.Max(0, labels.Length - 1)).Select(i => string.Join('.', labels[i..]))];
    }

    /// <summary>The glue <paramref name="record"/> gives for <paramref name="host"/>, or null when it does not delegate to it.</summary>
    public static Nameserver? Of(RegistrationRecord record, string host) =>
        record.Nameservers.FirstOrDefault(ns => ns.Name == host);

    /// <summary>The nameservers <paramref name="record"/> delegates to with the canonical <paramref name="address"/> in their glue.</summary>
    public static IEnumerable<string> NamesWithAddress(RegistrationRecord record, string address) =>
        record.Nameservers.Where(ns => ns.Ipv4.Contains(address) || ns.Ipv6.Contains(address)).Select(ns => ns.Name);

    /// <summary>
    /// The view of <paramref name="host"/> from the records read: <paramref name="superordinates"/> are the registered
    /// ones of <see cref="Superordinates"/> (longest first), <paramref name="delegating"/> the first delegating domains.
    /// </summary>
    public static NameserverView View(string host, long delegatingDomains, IReadOnlyList<DisclosedRegistration> superordinates, IReadOnlyList<DisclosedRegistration> delegating)
    {
        var unicode = DomainNames.Normalize(host).ULabel;
        foreach (var candidate in superordinates)
        {
            if (Of(candidate.Record, host) is { } own && own.Ipv4.Length + own.Ipv6.Length > 0)
                return new NameserverView
                {
                    Name = host,
                    UnicodeName = unicode,
                    Ipv4 = Ordered(own.Ipv4),
                    Ipv6 = Ordered(own.Ipv6),
                    AddressSource = NameserverAddressSource.InDomain,
                    DelegatingDomains = delegatingDomains,
                    DomainsRead = 1,
                    DatabaseUpdatedAt = candidate.DatabaseUpdatedAt,
                };
        }
        var glue = delegating.Select(d => Of(d.Record, host)).OfType<Nameserver>().ToArray();
        var ipv4 = Ordered(glue.SelectMany(g => g.Ipv4));
        var ipv6 = Ordered(glue.SelectMany(g => g.Ipv6));
        return new NameserverView
        {
            Name = host,
            UnicodeName = unicode,
            Ipv4 = ipv4,
            Ipv6 = ipv6,
            AddressSource = ipv4.Length + ipv6.Length > 0 ? NameserverAddressSource.DelegatingDomains : NameserverAddressSource.None,
            DelegatingDomains = delegatingDomains,
            DomainsRead = delegating.Count,
            DatabaseUpdatedAt = delegating.Count > 0 ? delegating.Max(d => d.DatabaseUpdatedAt) : null,
        };
    }

    /// <summary>Whether the view shows <paramref name="address"/> (canonical form).</summary>
    public static bool Shows(NameserverView view, string address) => view.Ipv4.Contains(address) || view.Ipv6.Contains(address);

    // Numeric order, so that 192.0.2.9 comes before 192.0.2.10.
    private static ImmutableArray<string> Ordered(IEnumerable<string> addresses) =>
        [.. addresses.Distinct().OrderBy(a => IPAddress.Parse(a).GetAddressBytes(), ByteOrder.Instance)];

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
