namespace Rds.Requestors;

public enum RequestorRegistration
{
    Created,
    Updated,

    /// <summary>The id belongs to a revoked requestor, which stays revoked.</summary>
    Revoked,
}
