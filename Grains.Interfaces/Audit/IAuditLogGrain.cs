using System.Collections.Immutable;

namespace Rds.Audit;

/// <summary>
/// One requestor's append-only audit log, hash-chained. Key: the requestor id. Appends are group-committed: a call
/// returns once its record is durable in the audit table.
/// </summary>
[Alias("rds.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>Appends a record; returns its sequence number once it is stored.</summary>
    Task<long> AppendAsync(AuditRecord record);

    Task<ImmutableArray<AuditEntry>> ReadAsync(AuditQuery query);

    /// <summary>Recomputes the chain: an altered, removed or reordered record, or a cut-off end, is reported.</summary>
    Task<ChainVerification> VerifyAsync();

    /// <summary>
    /// Deletes the records whose retention has ended (the log's daily reminder runs it); returns how many. Only a
    /// prefix of the chain goes, so what remains is still one verifiable chain.
    /// </summary>
    Task<long> PurgeExpiredAsync();
}
