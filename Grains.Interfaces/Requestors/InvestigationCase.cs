using System.Collections.Immutable;

namespace Rds.Requestors;

/// <summary>
/// An investigation a requestor opens before it asks: why (purpose, legal basis, evidence), how long its data may be
/// kept, and whether it is confidential (its disclosures stay out of data subjects' reports until it is closed).
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.InvestigationCase")]
public sealed record InvestigationCase
{
    [Id(0)] public required string CaseId { get; init; }

    [Id(1)] public required RdapPurpose Purpose { get; init; }

    [Id(2)] public required LegalBasis LegalBasis { get; init; }

    [Id(3)] public required ImmutableArray<string> Evidence { get; init; }

    /// <summary>Days from opening after which the case ends by itself and its pseudonym key is destroyed.</summary>
    [Id(4)] public required int RetentionDays { get; init; }

    [Id(5)] public required bool Confidential { get; init; }

    [Id(6)] public DateTimeOffset OpenedAt { get; init; }

    [Id(7)] public DateTimeOffset? ClosedAt { get; init; }

    public DateTimeOffset RetainedUntil => OpenedAt.AddDays(RetentionDays);

    public bool IsOpenAt(DateTimeOffset now) => ClosedAt is null && RetainedUntil > now;
}
