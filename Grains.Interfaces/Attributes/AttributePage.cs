using System.Collections.Immutable;

namespace Rds.Attributes;

/// <summary>A page of the domains sharing an attribute, in A-label order, with the total count.</summary>
[GenerateSerializer, Immutable, Alias("rds.AttributePage")]
public sealed record AttributePage
{
    [Id(0)] public ImmutableArray<string> Domains { get; init; } = [];

    /// <summary>The last domain of this page, to pass as <c>after</c> for the next; null on the last page.</summary>
    [Id(1)] public string? Next { get; init; }

    [Id(2)] public long Count { get; init; }
}
