using System.Collections.Frozen;

namespace Rds.Registrations;

/// <summary>RFC 8056 §2: the mapping between EPP domain status codes and RDAP status values.</summary>
public static class EppStatus
{
    private static readonly FrozenDictionary<string, string> RdapOfEpp = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["addPeriod"] = "add period",
        ["autoRenewPeriod"] = "auto renew period",
        ["clientDeleteProhibited"] = "client delete prohibited",
        ["clientHold"] = "client hold",
        ["clientRenewProhibited"] = "client renew prohibited",
        ["clientTransferProhibited"] = "client transfer prohibited",
        ["clientUpdateProhibited"] = "client update prohibited",
        ["inactive"] = "inactive",
        ["ok"] = "active",
        ["pendingCreate"] = "pending create",
        ["pendingDelete"] = "pending delete",
        ["pendingRenew"] = "pending renew",
        ["pendingRestore"] = "pending restore",
        ["pendingTransfer"] = "pending transfer",
        ["pendingUpdate"] = "pending update",
        ["redemptionPeriod"] = "redemption period",
        ["renewPeriod"] = "renew period",
        ["serverDeleteProhibited"] = "server delete prohibited",
        ["serverRenewProhibited"] = "server renew prohibited",
        ["serverTransferProhibited"] = "server transfer prohibited",
        ["serverUpdateProhibited"] = "server update prohibited",
        ["serverHold"] = "server hold",
        ["transferPeriod"] = "transfer period",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> EppOfRdap =
        RdapOfEpp.ToFrozenDictionary(pair => pair.Value, pair => CanonicalEpp(pair.Key), StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical EPP code for an EPP code or an RDAP status value (either is accepted on ingest).</summary>
    public static bool TryNormalize(string status, out string eppCode)
    {
        var trimmed = status.Trim();
        if (RdapOfEpp.ContainsKey(trimmed))
        {
            eppCode = CanonicalEpp(trimmed);
            return true;
        }
        return EppOfRdap.TryGetValue(trimmed, out eppCode!);
    }

    /// <summary>The RDAP status value of a canonical EPP code.</summary>
    public static string ToRdap(string eppCode) => RdapOfEpp[eppCode];

    private static string CanonicalEpp(string code) => RdapOfEpp.Keys.First(key => key.Equals(code, StringComparison.OrdinalIgnoreCase));
}
