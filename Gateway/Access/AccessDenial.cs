namespace Rds.Gateway.Access;

/// <summary>Why the gateway refused a requestor's request; the label of <see cref="AccessMetrics"/>' denial counter.</summary>
internal enum AccessDenial
{
    /// <summary>No credential at all (401).</summary>
    NoCredential,

    /// <summary>A credential that is not, or no longer, a valid key or token (401).</summary>
    InvalidCredential,

    /// <summary>Authenticated, but the request may not be served: status, accreditation, purpose, elements, agreement (403).</summary>
    Refused,

    /// <summary>Over the request rate, or throttled by the abuse watch (429).</summary>
    Throttled,

    /// <summary>Over the daily record or pivot quota (429).</summary>
    OverQuota,
}
