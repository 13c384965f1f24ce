namespace Rds.Domains;

/// <summary>What a delete did.</summary>
public enum DeleteOutcome
{
    Deleted,

    /// <summary>Nothing was registered under the name.</summary>
    NotFound,

    /// <summary>Refused: the stored record is newer than the deletion.</summary>
    Stale,
}
