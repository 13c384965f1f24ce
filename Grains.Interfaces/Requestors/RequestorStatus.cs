namespace Rds.Requestors;

/// <summary>Whether a requestor may be served. A revocation is final; a suspension can be lifted by an operator.</summary>
public enum RequestorStatus
{
    Active,
    Suspended,
    Revoked,
}
