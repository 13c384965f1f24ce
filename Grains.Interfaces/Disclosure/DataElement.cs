namespace Rds.Disclosure;

/// <summary>
/// The redactable data elements of a domain response, one per "redacted name" of the ICANN RDAP Response
/// Profile (2024), Appendix E. Elements not listed here (registrar, dates, statuses, nameservers, DNSSEC,
/// registrant organisation, state and country) are public and always disclosed.
/// </summary>
public enum DataElement
{
    RegistryRegistrantId,
    RegistrantName,
    RegistrantStreet,
    RegistrantCity,
    RegistrantPostalCode,
    RegistrantPhone,
    RegistrantPhoneExt,
    RegistrantFax,
    RegistrantFaxExt,
    RegistrantEmail,
    RegistryTechId,
    TechName,
    TechPhone,
    TechPhoneExt,
    TechEmail,
}
