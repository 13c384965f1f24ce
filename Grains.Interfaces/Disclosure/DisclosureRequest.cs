using System.Collections.Immutable;

namespace Rds.Disclosure;

/// <summary>One request's need and right to know: the elements asked for and the entitlements held.</summary>
[GenerateSerializer, Immutable, Alias("rds.DisclosureRequest")]
public sealed record DisclosureRequest
{
    /// <summary>Non-public elements the requestor asked for; anything not asked for is withheld (minimisation).</summary>
    [Id(0)] public ImmutableHashSet<DataElement> Requested { get; init; } = [];

    [Id(1)] public Entitlements Entitlements { get; init; } = Entitlements.Public;

    /// <summary>The anonymous public request.</summary>
    public static DisclosureRequest Public { get; } = new();
}
