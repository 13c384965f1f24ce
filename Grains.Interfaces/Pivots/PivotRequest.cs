using System.Collections.Immutable;
using Rds.Attributes;

namespace Rds.Pivots;

/// <summary>
/// A multi-hop traversal: from the seeds, follow the given attribute kinds breadth-first. Hop 0 holds the seed
/// domains; an attribute met on a domain of hop h leads to its other domains at hop h + 1 (a seed attribute leads
/// to hop 1). An attribute shared by more than <see cref="FanOutCap"/> domains is reported with its count, not expanded.
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.PivotRequest")]
public sealed record PivotRequest
{
    public const int MaxSeeds = 100;
    public const int MaxDepthLimit = 6;
    public const int MaxDomainsLimit = 100_000;
    public const int MaxFanOutCap = 100_000;

    [Id(0)] public ImmutableArray<string> SeedDomains { get; init; } = [];

    [Id(1)] public ImmutableArray<AttributeValue> SeedAttributes { get; init; } = [];

    [Id(2)] public ImmutableHashSet<AttributeKind> Follow { get; init; } = [];

    /// <summary>Attribute hops to take, 1 to <see cref="MaxDepthLimit"/>.</summary>
    [Id(3)] public int MaxDepth { get; init; } = 2;

    /// <summary>Domains to report at most, seeds included.</summary>
    [Id(4)] public int MaxDomains { get; init; } = 1_000;

    [Id(5)] public int FanOutCap { get; init; } = 500;
}
