using System.Collections.Immutable;
using Rds.Disclosure;

namespace Rds.Search;

/// <summary>One page of a domain search, each result already shaped by the disclosure policy.</summary>
[GenerateSerializer, Immutable, Alias("rds.DomainSearchPage")]
public sealed record DomainSearchPage
{
    [Id(0)] public ImmutableArray<DisclosedRegistration> Results { get; init; } = [];

    /// <summary>The last domain of this page, for the next page's cursor; null on the last page.</summary>
    [Id(1)] public string? Next { get; init; }

    /// <summary>The number of matching domains, when asked for.</summary>
    [Id(2)] public long? TotalCount { get; init; }

    /// <summary>True when the pattern matched more nameservers than are searched, so results are incomplete.</summary>
    [Id(3)] public bool Truncated { get; init; }
}
