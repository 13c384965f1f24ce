using System.Security.Cryptography;
using Rds.Requestors;

namespace Rds.Grains.Requestors;

internal sealed class ApiKeyGrain([PersistentState("apikey", StorageNames.Registry)] IPersistentState<ApiKeyState> state, TimeProvider clock) : Grain, IApiKeyGrain
{
    public const int AuditedFailuresPerMinute = 10;

    private DateTimeOffset _failureMinute;
    private int _failuresThisMinute;

    async Task<bool> IApiKeyGrain.BindAsync(string requestorId, byte[] digest)
    {
        if (state.State.RequestorId is not null)
            return false;
        state.State = new ApiKeyState { RequestorId = requestorId, Digest = digest };
        await state.WriteStateAsync();
        return true;
    }

    Task<string?> IApiKeyGrain.ResolveAsync(byte[] digest) =>
        Task.FromResult(state.State.RequestorId is { } requestor && CryptographicOperations.FixedTimeEquals(state.State.Digest, digest) ? requestor : null);

    Task<string?> IApiKeyGrain.FailedAttemptAsync()
    {
        if (state.State.RequestorId is not { } requestor)
            return Task.FromResult<string?>(null);
        var now = clock.GetUtcNow();
        if (now - _failureMinute >= TimeSpan.FromMinutes(1))
            (_failureMinute, _failuresThisMinute) = (now, 0);
        return Task.FromResult(++_failuresThisMinute <= AuditedFailuresPerMinute ? requestor : null);
    }
}
