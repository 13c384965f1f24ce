using System.Collections.Frozen;

namespace Rds.Requestors;

/// <summary>The wire form of each legal basis, <c>gdpr-6-1-a</c> to <c>gdpr-6-1-f</c>, and its parse (case-insensitive).</summary>
public static class LegalBases
{
    private static readonly FrozenDictionary<LegalBasis, string> NameOf = new Dictionary<LegalBasis, string>
    {
        [LegalBasis.Consent] = "gdpr-6-1-a",
        [LegalBasis.Contract] = "gdpr-6-1-b",
        [LegalBasis.LegalObligation] = "gdpr-6-1-c",
        [LegalBasis.VitalInterests] = "gdpr-6-1-d",
        [LegalBasis.PublicTask] = "gdpr-6-1-e",
        [LegalBasis.LegitimateInterests] = "gdpr-6-1-f",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, LegalBasis> BasisOf = NameOf.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    public static string WireName(this LegalBasis basis) => NameOf[basis];

    public static bool TryParse(string? name, out LegalBasis basis) => BasisOf.TryGetValue(name?.Trim() ?? "", out basis);

    public static IEnumerable<string> All => NameOf.Values;
}
