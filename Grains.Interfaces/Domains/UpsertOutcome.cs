namespace Rds.Domains;

/// <summary>What an upsert did.</summary>
public enum UpsertOutcome
{
    /// <summary>Stored as the current record.</summary>
    Stored,

    /// <summary>The same version with the same content was already stored (a retried delivery).</summary>
    Unchanged,

    /// <summary>Refused: the stored record, or the deletion, is newer.</summary>
    Stale,

    /// <summary>Refused: a different record with the same version is stored.</summary>
    Conflict,
}
