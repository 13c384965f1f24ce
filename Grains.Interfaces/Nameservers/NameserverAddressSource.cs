namespace Rds.Nameservers;

/// <summary>Where a nameserver's addresses were read from: nameservers are attributes of domains here, not host objects.</summary>
public enum NameserverAddressSource
{
    /// <summary>No delegating domain that was read gives glue for the name.</summary>
    None,

    /// <summary>
    /// The glue of the registered domain the name is inside of (its superordinate domain, RFC 8499 "in-domain"),
    /// which delegates to it: the authoritative addresses, as a host object of that domain would hold them.
    /// </summary>
    InDomain,

    /// <summary>The union of the glue that the first delegating domains (in A-label order) give for the name.</summary>
    DelegatingDomains,
}
