namespace Rds.Requestors;

/// <summary>What may be shown of an API key: its public identifier and dates, never the secret or its digest.</summary>
[GenerateSerializer, Immutable, Alias("rds.ApiKeySummary")]
public sealed record ApiKeySummary
{
    [Id(0)] public required string KeyId { get; init; }

    [Id(1)] public required DateTimeOffset IssuedAt { get; init; }

    [Id(2)] public DateTimeOffset? RevokedAt { get; init; }
}
