namespace Rds.Audit;

/// <summary>A page of one requestor's audit records, optionally of one case and a time range, in sequence order.</summary>
[GenerateSerializer, Immutable, Alias("rds.AuditQuery")]
public sealed record AuditQuery
{
    [Id(0)] public string? CaseId { get; init; }

    [Id(1)] public DateTimeOffset? From { get; init; }

    [Id(2)] public DateTimeOffset? To { get; init; }

    /// <summary>Records after this sequence number (the previous page's last).</summary>
    [Id(3)] public long After { get; init; } = -1;

    [Id(4)] public int Limit { get; init; } = 100;
}
