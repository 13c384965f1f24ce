using Microsoft.Extensions.Caching.Memory;
using Rds.Requestors;

namespace Rds.Gateway.Auth;

/// <summary>
/// Which requestor an API key belongs to, remembered by the gateway for a while after its key grain confirmed it:
/// a key's binding never changes, and whether the key may still be used (revoked, requestor suspended) is decided
/// by the requestor's grain on every request, so remembering it skips a grain call without delaying a revocation.
/// Entries are keyed by the token's digest, so only the exact token that was confirmed is recognised.
/// </summary>
internal sealed class ApiKeyBindings(IGrainFactory grains) : IDisposable
{
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(5);

    private readonly MemoryCache _confirmed = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>The requestor whose key has this id and digest; null when the key grain does not know the pair.</summary>
    public async Task<string?> ResolveAsync(string keyId, byte[] digest)
    {
        var entry = keyId + ":" + Convert.ToHexString(digest);
        if (_confirmed.TryGetValue(entry, out string? requestor))
            return requestor;
        requestor = await grains.GetGrain<IApiKeyGrain>(keyId).ResolveAsync(digest);
        if (requestor is not null)
            _confirmed.Set(entry, requestor, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Remembered });
        return requestor;
    }

    public void Dispose() => _confirmed.Dispose();
}
