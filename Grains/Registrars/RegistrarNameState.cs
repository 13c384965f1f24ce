using System.Collections.Immutable;

namespace Rds.Grains.Registrars;

/// <summary>What a registrar-name grain remembers.</summary>
[GenerateSerializer, Alias("rds.RegistrarNameState")]
public sealed record RegistrarNameState
{
    /// <summary>IANA IDs of the registrars bearing the name; usually one.</summary>
    [Id(0)] public ImmutableSortedSet<string> IanaIds { get; init; } = [];
}
