namespace Rds.Nameservers;

/// <summary>
/// A nameserver search (RFC 9082 §3.2.2): by glue <see cref="Address"/> (canonical form), by exact
/// <see cref="Name"/> (A-label), or by <see cref="NamePrefix"/> (a trailing-asterisk pattern). Exactly one is set.
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.NameserverSearch")]
public sealed record NameserverSearch
{
    /// <summary>Most delegating domains an address search reads; beyond it the result is marked truncated.</summary>
    public const int MaxAddressDomains = 500;

    [Id(0)] public string? Address { get; init; }

    [Id(1)] public string? Name { get; init; }

    [Id(2)] public string? NamePrefix { get; init; }
}
