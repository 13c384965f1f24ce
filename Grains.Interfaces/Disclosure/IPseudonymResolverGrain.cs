using Rds.Attributes;

namespace Rds.Disclosure;

/// <summary>The directory of a case's pseudonyms: records those handed out, and turns one back into its value within that case only.</summary>
[Alias("rds.IPseudonymResolverGrain")]
public interface IPseudonymResolverGrain : IGrainWithIntegerKey
{
    /// <summary>The value behind <paramref name="pseudonym"/> in the case whose key this is; null when unknown there or the case has ended.</summary>
    Task<AttributeValue?> ResolveAsync(PseudonymKey key, string pseudonym);

    /// <summary>Records pseudonyms handed out outside a domain lookup (a pivot's attributes).</summary>
    Task RecordAsync(PseudonymKey key, IReadOnlyList<MintedPseudonym> minted);
}
