namespace Rds.Requestors;

/// <summary>How a request's credential is named to the requestor grain: an API key by its key id, a token by this.</summary>
public static class RequestorCredentials
{
    /// <summary>A bearer token from the configured identity provider; never a key id, which is 16 hex digits.</summary>
    public const string Token = "jwt";
}
