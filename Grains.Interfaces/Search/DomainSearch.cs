using System.Collections.Immutable;
using Rds.Attributes;

namespace Rds.Search;

/// <summary>
/// A domain search: the domains that have any of <see cref="Attributes"/>, or a nameserver whose name starts with
/// <see cref="NameserverPrefix"/> (RFC 9082 §4.1 trailing-asterisk pattern).
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.DomainSearch")]
public sealed record DomainSearch
{
    /// <summary>Most nameservers a trailing-asterisk pattern expands to; beyond it the result is marked truncated.</summary>
    public const int MaxPatternNameservers = 100;

    [Id(0)] public ImmutableArray<AttributeValue> Attributes { get; init; } = [];

    [Id(1)] public string? NameserverPrefix { get; init; }
}
