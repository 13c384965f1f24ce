namespace Rds.Requestors;

public enum AccessOutcome
{
    Granted,

    /// <summary>The key is unknown, revoked, or not this requestor's: the caller is not authenticated.</summary>
    UnknownKey,

    /// <summary>Authenticated, but this request may not be served (status, accreditation, purpose or elements).</summary>
    Refused,

    /// <summary>Over the request rate: retry after <see cref="AccessDecision.RetryAfter"/>.</summary>
    Throttled,
}
