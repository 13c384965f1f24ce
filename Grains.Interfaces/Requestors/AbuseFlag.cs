namespace Rds.Requestors;

/// <summary>A tripped abuse rule, what it set off, and whether an operator has lifted it.</summary>
[GenerateSerializer, Immutable, Alias("rds.AbuseFlag")]
public sealed record AbuseFlag
{
    [Id(0)] public required string FlagId { get; init; }

    [Id(1)] public required AbuseRule Rule { get; init; }

    [Id(2)] public required string Detail { get; init; }

    [Id(3)] public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>True when the flag suspended the requestor; otherwise it throttled it.</summary>
    [Id(4)] public required bool Suspended { get; init; }

    [Id(5)] public DateTimeOffset? LiftedAt { get; init; }

    [Id(6)] public string? LiftNote { get; init; }
}
