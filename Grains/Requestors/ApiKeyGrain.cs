using System.Security.Cryptography;
using Rds.Requestors;

namespace Rds.Grains.Requestors;

internal sealed class ApiKeyGrain([PersistentState("apikey", StorageNames.Registry)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
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
}
