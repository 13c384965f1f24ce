using System.Collections.Immutable;

namespace Rds.Audit;

/// <summary>
/// What a request asked for and what it was answered: who, in which case, why, the query, the elements requested
/// and disclosed, the decision and the number of results. Never the disclosed values themselves.
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.AuditRecord")]
public sealed record AuditRecord
{
    [Id(0)] public required string RequestId { get; init; }

    [Id(1)] public required string RequestorId { get; init; }

    [Id(2)] public string? KeyId { get; init; }

    [Id(3)] public string? CaseId { get; init; }

    [Id(4)] public string? Purpose { get; init; }

    [Id(5)] public string? LegalBasis { get; init; }

    [Id(6)] public string? Justification { get; init; }

    [Id(7)] public ImmutableArray<string> Evidence { get; init; } = [];

    /// <summary>Method, path and query string as received.</summary>
    [Id(8)] public required string Query { get; init; }

    [Id(9)] public ImmutableArray<string> ElementsRequested { get; init; } = [];

    [Id(10)] public ImmutableArray<string> ElementsDisclosed { get; init; } = [];

    [Id(11)] public required AuditDecision Decision { get; init; }

    [Id(12)] public string? Reason { get; init; }

    [Id(13)] public int ResultCount { get; init; }

    /// <summary>The domains whose data the answer carried, for data subjects' access reports; empty for a pivot, whose answer may hold up to 100,000 (its count is kept).</summary>
    [Id(14)] public ImmutableArray<string> Domains { get; init; } = [];

    [Id(15)] public required DateTimeOffset ReceivedAt { get; init; }

    [Id(16)] public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>The request's case is a confidential active investigation: its disclosures stay out of access reports until the case closes.</summary>
    [Id(17)] public bool Confidential { get; init; }

    /// <summary>
    /// Unique per record. Stream delivery is at least once (a silo that dies before acknowledging a message has it
    /// delivered again), so the log stores a record id once and answers a repeat with the first sequence number.
    /// </summary>
    [Id(18)] public string RecordId { get; init; } = Guid.NewGuid().ToString("N");
}
