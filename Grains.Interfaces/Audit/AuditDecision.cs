namespace Rds.Audit;

public enum AuditDecision
{
    Granted,

    /// <summary>The request was malformed or did not state why it needs the data (400).</summary>
    Rejected,

    /// <summary>Authenticated, but not allowed (403).</summary>
    Refused,

    /// <summary>The key was not valid for the requestor any more (401 after a revocation).</summary>
    Unauthenticated,
}
