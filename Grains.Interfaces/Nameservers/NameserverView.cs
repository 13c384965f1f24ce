using System.Collections.Immutable;

namespace Rds.Nameservers;

/// <summary>
/// A nameserver as the registry's domain records show it. Everything here is public: names and glue addresses are
/// not personal data (RP 2024 Appendix E lists none of them).
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.NameserverView")]
public sealed record NameserverView
{
    /// <summary>The lower-case A-label.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The U-label form where the name is an IDN.</summary>
    [Id(1)] public string? UnicodeName { get; init; }

    /// <summary>IPv4 addresses in canonical form, ordered.</summary>
    [Id(2)] public ImmutableArray<string> Ipv4 { get; init; } = [];

    /// <summary>IPv6 addresses in canonical form, ordered.</summary>
    [Id(3)] public ImmutableArray<string> Ipv6 { get; init; } = [];

    [Id(4)] public NameserverAddressSource AddressSource { get; init; }

    /// <summary>How many registered domains delegate to the name (the attribute index's exact count).</summary>
    [Id(5)] public long DelegatingDomains { get; init; }

    /// <summary>How many of them were read for <see cref="NameserverAddressSource.DelegatingDomains"/> addresses.</summary>
    [Id(6)] public int DomainsRead { get; init; }

    /// <summary>The latest write among the records the addresses were read from ("last update of RDAP database").</summary>
    [Id(7)] public DateTimeOffset? DatabaseUpdatedAt { get; init; }
}
