using Rds.Requestors;

namespace Rds.Grains.Requestors;

/// <summary>A case as its requestor's grain keeps it.</summary>
[GenerateSerializer, Alias("rds.CaseState")]
public sealed record CaseState
{
    [Id(0)] public required InvestigationCase Case { get; init; }

    /// <summary>
    /// Random salt from which, with the master key held only in configuration, the case's pseudonym key is derived.
    /// Not a key itself; erased when the case closes or its retention ends, after which no pseudonym of the case
    /// can be computed or resolved again.
    /// </summary>
    [Id(1)] public byte[]? KeySalt { get; init; }
}
