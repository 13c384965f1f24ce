namespace Rds.Tests.Rdap;

/// <summary>
/// Values the ICANN schemas only name as custom <c>format</c>s (status, eventAction, role),
/// which a standard JSON Schema validator ignores.
/// Source: IANA "RDAP JSON Values" registry
/// (https://www.iana.org/assignments/rdap-json-values/), seeded by RFC 9083 §10.2 and
/// extended by RFC 8056 (EPP status mappings) and later registrations.
/// </summary>
internal static class IanaRdapJsonValues
{
    public static readonly IReadOnlySet<string> Statuses = new HashSet<string>(StringComparer.Ordinal)
    {
        // RFC 9083 §10.2.2
        "validated", "renew prohibited", "update prohibited", "transfer prohibited", "delete prohibited",
        "proxy", "private", "removed", "obscured", "associated", "active", "inactive", "locked",
        "pending create", "pending renew", "pending transfer", "pending update", "pending delete",
        // RFC 8056 (EPP status codes)
        "add period", "auto renew period", "client delete prohibited", "client hold",
        "client renew prohibited", "client transfer prohibited", "client update prohibited",
        "pending restore", "redemption period", "renew period", "server delete prohibited",
        "server renew prohibited", "server transfer prohibited", "server update prohibited",
        "server hold", "transfer period",
    };

    public static readonly IReadOnlySet<string> EventActions = new HashSet<string>(StringComparer.Ordinal)
    {
        "registration", "reregistration", "last changed", "expiration", "deletion", "reinstantiation",
        "transfer", "locked", "unlocked", "last update of RDAP database", "registrar expiration",
        "enum validation expiration",
    };

    public static readonly IReadOnlySet<string> Roles = new HashSet<string>(StringComparer.Ordinal)
    {
        "registrant", "technical", "administrative", "abuse", "billing", "registrar", "reseller",
        "sponsor", "proxy", "notifications", "noc",
    };
}
