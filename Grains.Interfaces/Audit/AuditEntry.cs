namespace Rds.Audit;

/// <summary>An audit record in its requestor's chain: its sequence number and the SHA-256 chain hashes (hex).</summary>
[GenerateSerializer, Immutable, Alias("rds.AuditEntry")]
public sealed record AuditEntry
{
    [Id(0)] public required long Sequence { get; init; }

    [Id(1)] public required string PreviousHash { get; init; }

    [Id(2)] public required string Hash { get; init; }

    [Id(3)] public required AuditRecord Record { get; init; }
}
