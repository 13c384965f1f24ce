namespace Rds.Audit;

/// <summary>The result of checking a requestor's audit chain from its first record to the recorded head.</summary>
[GenerateSerializer, Immutable, Alias("rds.ChainVerification")]
public sealed record ChainVerification
{
    [Id(0)] public required bool Intact { get; init; }

    [Id(1)] public required long Records { get; init; }

    /// <summary>The first sequence number at which the chain breaks; null when intact.</summary>
    [Id(2)] public long? BrokenAt { get; init; }

    [Id(3)] public string? Problem { get; init; }
}
