using Rds.Registrations;

namespace Rds.Tests.Infrastructure;

/// <summary>Complete, valid records for tests; each test passes its own unique name.</summary>
internal static class SampleRecords
{
    public static readonly DateTimeOffset Created = new(2020, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static string UniqueName(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}".Substring(0, prefix.Length + 17) + ".example";

    public static RegistrationRecord Full(string domainName, DateTimeOffset? updated = null) => new()
    {
        DomainName = domainName,
        RegistryDomainId = "D1234_DOMAIN-EXAMPLE",
        Registrar = new Registrar
        {
            Name = "Example Registrar Inc.",
            IanaId = "292",
            WhoisServer = "whois.registrar.example",
            Url = "https://registrar.example",
            AbuseEmail = "abuse@registrar.example",
            AbusePhone = "+1.5555550100",
        },
        Reseller = "Example Reseller",
        Statuses = ["clientTransferProhibited", "serverDeleteProhibited"],
        CreationDate = Created,
        UpdatedDate = updated ?? Created.AddDays(30),
        RegistryExpiryDate = Created.AddYears(3),
        RegistrarExpirationDate = Created.AddYears(3).AddDays(1),
        Registrant = new Contact
        {
            Handle = "C100-EXAMPLE",
            Name = "Alice Registrant",
            Organization = "Example Holdings",
            Street = ["1 Main Street", "Suite 5"],
            City = "Springfield",
            Region = "QC",
            PostalCode = "G1V 2M2",
            CountryCode = "CA",
            Phone = "+1.5555551234",
            PhoneExt = "77",
            Fax = "+1.5555554321",
            Email = "alice@holdings.example",
        },
        Tech = new Contact
        {
            Handle = "C200-EXAMPLE",
            Name = "Bob Tech",
            Phone = "+1.5555550199",
            Email = "bob@tech.example",
        },
        Nameservers =
        [
            new Nameserver { Name = "ns1.host.example", Ipv4 = ["192.0.2.1"], Ipv6 = ["2001:db8::1"] },
            new Nameserver { Name = "ns2.host.example" },
        ],
        Dnssec = new SecureDns
        {
            DelegationSigned = true,
            DsData = [new DsRecord { KeyTag = 12345, Algorithm = 13, DigestType = 2, Digest = "49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE" }],
        },
    };
}
