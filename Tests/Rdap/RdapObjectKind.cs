namespace Rds.Tests.Rdap;

/// <summary>The RDAP response shapes <see cref="RdapSchemaValidator"/> can check.</summary>
internal enum RdapObjectKind
{
    Domain,
    Nameserver,
    Entity,
    Error,
    Help,
    DomainSearch,
    NameserverSearch,
}
