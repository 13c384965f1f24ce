using Rds.Registrations;

namespace Rds.Registrars;

/// <summary>A registrar as the latest record sponsored by it describes it. Registrar data is public (RP 2024 §2.4, §3).</summary>
[GenerateSerializer, Immutable, Alias("rds.RegistrarView")]
public sealed record RegistrarView
{
    [Id(0)] public required Registrar Registrar { get; init; }

    /// <summary>The updatedDate of the newest record seen that carried these details.</summary>
    [Id(1)] public required DateTimeOffset AsOf { get; init; }

    /// <summary>When these details were last written ("last update of RDAP database").</summary>
    [Id(2)] public required DateTimeOffset DatabaseUpdatedAt { get; init; }
}
