namespace Rds.Attributes;

/// <summary>The registration attributes a pivot can follow from one domain to the others that share them.</summary>
public enum AttributeKind
{
    NameserverName,
    NameserverIp,
    RegistrantEmail,
    RegistrantOrganization,
    RegistrantPhone,
    RegistryRegistrantId,
    TechId,
    TechEmail,
}
