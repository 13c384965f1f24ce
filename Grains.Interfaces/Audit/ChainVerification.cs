namespace Rds.Audit;

/// <summary>The result of checking a requestor's audit chain from its first retained record to the recorded head.</summary>
[GenerateSerializer, Immutable, Alias("rds.ChainVerification")]
public sealed record ChainVerification
{
    [Id(0)] public required bool Intact { get; init; }

    /// <summary>How many retained records were checked (up to the break, if any).</summary>
    [Id(1)] public required long Records { get; init; }

    /// <summary>The first sequence number at which the chain breaks; null when intact.</summary>
    [Id(2)] public long? BrokenAt { get; init; }

    [Id(3)] public string? Problem { get; init; }

    /// <summary>Records up to this sequence number were deleted at the end of their retention; -1 when none were.</summary>
    [Id(4)] public long PurgedThrough { get; init; } = -1;
}
