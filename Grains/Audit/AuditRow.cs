namespace Rds.Grains.Audit;

/// <summary>One stored audit entry as read back: the chain fields and the record's canonical JSON.</summary>
internal sealed record AuditRow(long Sequence, string PreviousHash, string Hash, string Json);
