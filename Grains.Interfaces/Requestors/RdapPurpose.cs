namespace Rds.Requestors;

/// <summary>
/// Why registration data is asked for: the values of IANA's "RDAP Query Purpose" registry (RFC 9560 §11.2.1),
/// which the <c>rdap_allowed_purposes</c> claim of a token also uses.
/// </summary>
public enum RdapPurpose
{
    DomainNameControl,
    PersonalDataProtection,
    TechnicalIssueResolution,
    DomainNameCertification,
    IndividualInternetUse,
    BusinessDomainNameSale,
    AcademicPublicInterestDnsResearch,
    LegalActions,
    RegulatoryAndContractEnforcement,
    CriminalInvestigationAndDnsAbuse,
    DnsTransparency,
}
