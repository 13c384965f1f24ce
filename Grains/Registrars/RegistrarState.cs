using Rds.Registrations;

namespace Rds.Grains.Registrars;

/// <summary>What a registrar grain remembers: the newest details seen in a sponsored record.</summary>
[GenerateSerializer, Alias("rds.RegistrarState")]
public sealed record RegistrarState
{
    /// <summary>The registrar's details; null until a record naming this IANA ID has been stored.</summary>
    [Id(0)] public Registrar? Registrar { get; init; }

    /// <summary>The updatedDate of the newest record seen with these details.</summary>
    [Id(1)] public DateTimeOffset AsOf { get; init; }

    /// <summary>When the details were last written.</summary>
    [Id(2)] public DateTimeOffset StoredAt { get; init; }
}
