using System.Collections.Immutable;

namespace Rds.Nameservers;

/// <summary>One page of a nameserver search, in A-label order.</summary>
[GenerateSerializer, Immutable, Alias("rds.NameserverSearchPage")]
public sealed record NameserverSearchPage
{
    [Id(0)] public ImmutableArray<NameserverView> Results { get; init; } = [];

    /// <summary>The last name of this page, for the next page's cursor; null on the last page.</summary>
    [Id(1)] public string? Next { get; init; }

    /// <summary>The number of matching nameservers, when asked for (of those found, when <see cref="Truncated"/>).</summary>
    [Id(2)] public long? TotalCount { get; init; }

    /// <summary>True when an address is used by more domains than are read, so nameservers may be missing.</summary>
    [Id(3)] public bool Truncated { get; init; }
}
