using System.Collections.Immutable;

namespace Rds.Disclosure;

/// <summary>What a requestor may see of the non-public elements: in clear, or nothing.</summary>
[GenerateSerializer, Immutable, Alias("rds.Entitlements")]
public sealed record Entitlements
{
    /// <summary>Non-public elements this requestor may receive in clear.</summary>
    [Id(0)] public ImmutableHashSet<DataElement> Clear { get; init; } = [];

    /// <summary>The anonymous public view: no non-public element.</summary>
    public static Entitlements Public { get; } = new();
}
