using System.Collections.Immutable;

namespace Rds.Registrations;

/// <summary>
/// The current registration data of one domain, as a registry or registrar pushes it: every data element
/// of the use case. <see cref="UpdatedDate"/> orders versions, so an older change never overwrites a newer one.
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.RegistrationRecord")]
public sealed record RegistrationRecord
{
    /// <summary>The domain name; stored as the lower-case A-label without trailing dot.</summary>
    [Id(0)] public required string DomainName { get; init; }

    /// <summary>The U-label form where the name is an IDN; set by normalisation, null otherwise.</summary>
    [Id(1)] public string? UnicodeName { get; init; }

    /// <summary>Registry Domain ID: the ROID of the domain object.</summary>
    [Id(2)] public string? RegistryDomainId { get; init; }

    [Id(3)] public required Registrar Registrar { get; init; }

    [Id(4)] public string? Reseller { get; init; }

    /// <summary>EPP status codes (RFC 5731), e.g. <c>clientTransferProhibited</c>; rendered per RFC 8056.</summary>
    [Id(5)] public ImmutableArray<string> Statuses { get; init; } = [];

    [Id(6)] public DateTimeOffset? CreationDate { get; init; }

    /// <summary>Updated Date: the registry's time of this version; orders upserts.</summary>
    [Id(7)] public required DateTimeOffset UpdatedDate { get; init; }

    [Id(8)] public DateTimeOffset? RegistryExpiryDate { get; init; }

    [Id(9)] public DateTimeOffset? RegistrarExpirationDate { get; init; }

    [Id(10)] public Contact? Registrant { get; init; }

    [Id(11)] public Contact? Tech { get; init; }

    [Id(12)] public ImmutableArray<Nameserver> Nameservers { get; init; } = [];

    [Id(13)] public SecureDns? Dnssec { get; init; }
}

/// <summary>The sponsoring registrar and its abuse contact.</summary>
[GenerateSerializer, Immutable, Alias("rds.Registrar")]
public sealed record Registrar
{
    [Id(0)] public required string Name { get; init; }

    /// <summary>Registrar IANA ID; null for a registrar without one (then rendered as "not applicable").</summary>
    [Id(1)] public string? IanaId { get; init; }

    [Id(2)] public string? WhoisServer { get; init; }

    [Id(3)] public string? Url { get; init; }

    [Id(4)] public string? AbuseEmail { get; init; }

    /// <summary>Abuse phone in E.164a form, e.g. <c>+1.7035555555</c>.</summary>
    [Id(5)] public string? AbusePhone { get; init; }
}

/// <summary>A registrant or technical contact. Everything here but the country and state is personal data by default.</summary>
[GenerateSerializer, Immutable, Alias("rds.Contact")]
public sealed record Contact
{
    /// <summary>Registry Registrant ID / Registry Tech ID: the contact's ROID.</summary>
    [Id(0)] public string? Handle { get; init; }

    [Id(1)] public string? Name { get; init; }

    [Id(2)] public string? Organization { get; init; }

    [Id(3)] public ImmutableArray<string> Street { get; init; } = [];

    [Id(4)] public string? City { get; init; }

    /// <summary>State or province.</summary>
    [Id(5)] public string? Region { get; init; }

    [Id(6)] public string? PostalCode { get; init; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    [Id(7)] public string? CountryCode { get; init; }

    /// <summary>Voice phone in E.164a form, e.g. <c>+1.5555551235</c>; the extension apart.</summary>
    [Id(8)] public string? Phone { get; init; }

    [Id(9)] public string? PhoneExt { get; init; }

    [Id(10)] public string? Fax { get; init; }

    [Id(11)] public string? FaxExt { get; init; }

    [Id(12)] public string? Email { get; init; }
}

/// <summary>A delegated nameserver with its glue addresses.</summary>
[GenerateSerializer, Immutable, Alias("rds.Nameserver")]
public sealed record Nameserver
{
    /// <summary>Host name; stored as the lower-case A-label.</summary>
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public string? UnicodeName { get; init; }

    /// <summary>IPv4 addresses in canonical dotted form.</summary>
    [Id(2)] public ImmutableArray<string> Ipv4 { get; init; } = [];

    /// <summary>IPv6 addresses in canonical RFC 5952 form.</summary>
    [Id(3)] public ImmutableArray<string> Ipv6 { get; init; } = [];
}

/// <summary>DNSSEC delegation information (RFC 9083 §5.3 secureDNS).</summary>
[GenerateSerializer, Immutable, Alias("rds.SecureDns")]
public sealed record SecureDns
{
    [Id(0)] public bool DelegationSigned { get; init; }

    [Id(1)] public ImmutableArray<DsRecord> DsData { get; init; } = [];

    [Id(2)] public int? MaxSigLife { get; init; }
}

/// <summary>One DS record (RFC 4034 §5).</summary>
[GenerateSerializer, Immutable, Alias("rds.DsRecord")]
public sealed record DsRecord
{
    [Id(0)] public int KeyTag { get; init; }

    [Id(1)] public int Algorithm { get; init; }

    [Id(2)] public int DigestType { get; init; }

    /// <summary>Digest in upper-case hexadecimal.</summary>
    [Id(3)] public required string Digest { get; init; }
}
