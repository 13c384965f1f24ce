using System.Collections.Frozen;

namespace Rds.Requestors;

/// <summary>The registered spelling of each purpose (case-sensitive, as RFC 9560 registers them) and its parse.</summary>
public static class RdapPurposes
{
    private static readonly FrozenDictionary<RdapPurpose, string> NameOf = new Dictionary<RdapPurpose, string>
    {
        [RdapPurpose.DomainNameControl] = "domainNameControl",
        [RdapPurpose.PersonalDataProtection] = "personalDataProtection",
        [RdapPurpose.TechnicalIssueResolution] = "technicalIssueResolution",
        [RdapPurpose.DomainNameCertification] = "domainNameCertification",
        [RdapPurpose.IndividualInternetUse] = "individualInternetUse",
        [RdapPurpose.BusinessDomainNameSale] = "businessDomainNameSale",
        [RdapPurpose.AcademicPublicInterestDnsResearch] = "academicPublicInterestDNSResearch",
        [RdapPurpose.LegalActions] = "legalActions",
        [RdapPurpose.RegulatoryAndContractEnforcement] = "regulatoryAndContractEnforcement",
        [RdapPurpose.CriminalInvestigationAndDnsAbuse] = "criminalInvestigationAndDNSAbuse",
        [RdapPurpose.DnsTransparency] = "dnsTransparency",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, RdapPurpose> PurposeOf = NameOf.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static string WireName(this RdapPurpose purpose) => NameOf[purpose];

    public static bool TryParse(string? name, out RdapPurpose purpose) => PurposeOf.TryGetValue(name?.Trim() ?? "", out purpose);

    public static IEnumerable<string> All => NameOf.Values;
}
