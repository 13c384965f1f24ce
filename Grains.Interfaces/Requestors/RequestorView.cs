using System.Collections.Immutable;

namespace Rds.Requestors;

/// <summary>A requestor as operators see it.</summary>
[GenerateSerializer, Immutable, Alias("rds.RequestorView")]
public sealed record RequestorView
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required RequestorProfile Profile { get; init; }

    [Id(2)] public required RequestorStatus Status { get; init; }

    /// <summary>Why it was last suspended or revoked; null while it never was.</summary>
    [Id(3)] public string? StatusReason { get; init; }

    [Id(4)] public ImmutableArray<ApiKeySummary> Keys { get; init; } = [];

    /// <summary>
    /// Records counted against today's quota (UTC day). After a silo failure it may be higher than what was disclosed
    /// (the day's count is leased in blocks), never lower.
    /// </summary>
    [Id(5)] public int RecordsUsedToday { get; init; }
}
