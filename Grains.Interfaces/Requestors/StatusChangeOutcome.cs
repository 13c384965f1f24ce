namespace Rds.Requestors;

public enum StatusChangeOutcome
{
    Changed,
    NotFound,

    /// <summary>The requestor is revoked, which is final.</summary>
    Revoked,
}
