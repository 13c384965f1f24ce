using System.Collections.Immutable;
using Rds.Requestors;

namespace Rds.Grains.Requestors;

/// <summary>What a requestor grain remembers. Keys are listed by id and dates only: their digests live with <see cref="ApiKeyGrain"/>.</summary>
[GenerateSerializer, Alias("rds.RequestorState")]
public sealed record RequestorState
{
    /// <summary>Null until an operator registers the requestor.</summary>
    [Id(0)] public RequestorProfile? Profile { get; init; }

    [Id(1)] public RequestorStatus Status { get; init; }

    /// <summary>The operator's reason for the last suspension or revocation; shown to operators, not to the requestor.</summary>
    [Id(2)] public string? StatusReason { get; init; }

    [Id(3)] public ImmutableArray<ApiKeySummary> Keys { get; init; } = [];

    /// <summary>The UTC day the quota counters below belong to.</summary>
    [Id(4)] public DateOnly QuotaDay { get; init; }

    /// <summary>
    /// Records of <see cref="QuotaDay"/> taken in blocks ahead of use: after a crash the whole block counts as used,
    /// so a restart never hands out quota twice, at the cost of one write per block rather than per request.
    /// </summary>
    [Id(5)] public int RecordsLeased { get; init; }

    [Id(6)] public ImmutableDictionary<string, int> PivotsByCase { get; init; } = ImmutableDictionary<string, int>.Empty;

    [Id(7)] public ImmutableDictionary<string, CaseState> Cases { get; init; } = ImmutableDictionary<string, CaseState>.Empty;

    /// <summary>Every flag the abuse watch raised, lifted or not.</summary>
    [Id(8)] public ImmutableArray<AbuseFlag> Flags { get; init; } = [];

    /// <summary>Requests are refused (429) until then, by a flag not yet lifted.</summary>
    [Id(9)] public DateTimeOffset? ThrottledUntil { get; init; }
}
