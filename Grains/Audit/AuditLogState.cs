namespace Rds.Grains.Audit;

/// <summary>
/// The head of a requestor's chain, kept apart from the audit table: someone who deletes the newest rows of the
/// table cannot also make the chain end earlier than this.
/// </summary>
[GenerateSerializer, Alias("rds.AuditLogState")]
public sealed record AuditLogState
{
    /// <summary>The sequence number of the last stored entry; -1 for an empty log.</summary>
    [Id(0)] public long Sequence { get; init; } = -1;

    [Id(1)] public string Hash { get; init; } = AuditChain.Genesis;

    /// <summary>Entries up to this sequence number are in the subject index (for access reports); later ones are indexed on the next flush or activation.</summary>
    [Id(2)] public long SubjectsIndexedThrough { get; init; } = -1;

    /// <summary>Entries up to this sequence number were deleted by retention; -1 while none was.</summary>
    [Id(3)] public long PurgedThrough { get; init; } = -1;

    /// <summary>The hash of the last deleted entry, from which the retained chain is verified.</summary>
    [Id(4)] public string PurgedHash { get; init; } = AuditChain.Genesis;

    /// <summary>Whether the log's daily retention reminder is registered.</summary>
    [Id(5)] public bool RetentionScheduled { get; init; }
}
