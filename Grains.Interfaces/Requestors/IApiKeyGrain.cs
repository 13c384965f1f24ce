namespace Rds.Requestors;

/// <summary>
/// Which requestor an API key belongs to, found by the key id a token carries. Key: the key id. Whether the key is
/// still valid is the requestor's to say (<see cref="IRequestorGrain.AuthorizeAsync"/>), so revocation takes effect at once.
/// </summary>
[Alias("rds.IApiKeyGrain")]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Binds a fresh key id to a requestor and the token's digest; false when the id is taken.</summary>
    Task<bool> BindAsync(string requestorId, byte[] digest);

    /// <summary>The requestor whose key has this digest, compared in constant time; null otherwise.</summary>
    Task<string?> ResolveAsync(byte[] digest);

    /// <summary>
    /// Notes that this key id was presented with a wrong secret. Returns the requestor the key belongs to when the
    /// attempt is to be recorded in that requestor's audit log: the first few each minute, so that someone who knows
    /// a key id cannot flood its owner's log. Null for an unbound key id or past that limit.
    /// </summary>
    Task<string?> FailedAttemptAsync();
}
