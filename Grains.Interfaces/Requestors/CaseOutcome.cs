namespace Rds.Requestors;

/// <summary>The answer to opening, reading or closing a case.</summary>
[GenerateSerializer, Immutable, Alias("rds.CaseOutcome")]
public sealed record CaseOutcome
{
    [Id(0)] public required AccessOutcome Access { get; init; }

    [Id(1)] public InvestigationCase? Case { get; init; }

    /// <summary>Why not; for a granted access, set when the case was not found or already exists.</summary>
    [Id(2)] public string? Problem { get; init; }

    [Id(3)] public bool Found { get; init; } = true;
}
