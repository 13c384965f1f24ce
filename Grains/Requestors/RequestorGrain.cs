using Microsoft.Extensions.Logging;
using Rds.Requestors;

namespace Rds.Grains.Requestors;

internal sealed class RequestorGrain(
    [PersistentState("requestor", StorageNames.Registry)] IPersistentState<RequestorState> state,
    TimeProvider clock,
    ILogger<RequestorGrain> logger) : Grain, IRequestorGrain
{
    private const int KeyIdAttempts = 3;

    private string Id => this.GetPrimaryKeyString();

    async Task<RequestorRegistration> IRequestorGrain.RegisterAsync(RequestorProfile profile)
    {
        if (state.State.Status == RequestorStatus.Revoked)
            return RequestorRegistration.Revoked;
        var created = state.State.Profile is null;
        state.State = state.State with { Profile = profile };
        await state.WriteStateAsync();
        logger.LogInformation("Requestor {Requestor} {Change}", Id, created ? "registered" : "updated");
        return created ? RequestorRegistration.Created : RequestorRegistration.Updated;
    }

    Task<RequestorView?> IRequestorGrain.GetAsync() => Task.FromResult(View());

    Task<StatusChangeOutcome> IRequestorGrain.SuspendAsync(string reason) => ChangeStatusAsync(RequestorStatus.Suspended, reason);

    Task<StatusChangeOutcome> IRequestorGrain.ReinstateAsync() => ChangeStatusAsync(RequestorStatus.Active, reason: null);

    async Task<StatusChangeOutcome> IRequestorGrain.RevokeAsync(string reason)
    {
        var outcome = await ChangeStatusAsync(RequestorStatus.Revoked, reason);
        if (outcome == StatusChangeOutcome.Changed)
            await RevokeKeysAsync(_ => true);
        return outcome;
    }

    async Task<IssuedApiKey?> IRequestorGrain.IssueKeyAsync()
    {
        if (state.State.Profile is null || state.State.Status == RequestorStatus.Revoked)
            return null;
        for (var attempt = 0; attempt < KeyIdAttempts; attempt++)
        {
            var key = ApiKeyTokens.Create();
            // Bound before it is listed here: a key is usable only once both writes are done, so a failure in
            // between leaves an orphan binding that no token can use, never a usable key the requestor does not list.
            if (!await GrainFactory.GetGrain<IApiKeyGrain>(key.KeyId).BindAsync(Id, ApiKeyTokens.Digest(key.Token)))
                continue;
            state.State = state.State with { Keys = state.State.Keys.Add(new ApiKeySummary { KeyId = key.KeyId, IssuedAt = clock.GetUtcNow() }) };
            await state.WriteStateAsync();
            logger.LogInformation("Requestor {Requestor} was issued key {KeyId}", Id, key.KeyId);
            return key;
        }
        throw new InvalidOperationException("Could not find a free API key id.");
    }

    async Task<bool> IRequestorGrain.RevokeKeyAsync(string keyId)
    {
        if (!state.State.Keys.Any(key => key.KeyId == keyId))
            return false;
        await RevokeKeysAsync(key => key.KeyId == keyId);
        logger.LogInformation("Requestor {Requestor} key {KeyId} revoked", Id, keyId);
        return true;
    }

    Task<AccessDecision> IRequestorGrain.AuthorizeAsync(string keyId, AccessRequest request) =>
        Task.FromResult(AccessPolicy.Decide(state.State, keyId, request, clock.GetUtcNow()));

    private async Task<StatusChangeOutcome> ChangeStatusAsync(RequestorStatus status, string? reason)
    {
        if (state.State.Profile is null)
            return StatusChangeOutcome.NotFound;
        if (state.State.Status == RequestorStatus.Revoked)
            return StatusChangeOutcome.Revoked;
        state.State = state.State with { Status = status, StatusReason = reason ?? state.State.StatusReason };
        await state.WriteStateAsync();
        logger.LogInformation("Requestor {Requestor} is now {Status}", Id, status);
        return StatusChangeOutcome.Changed;
    }

    private async Task RevokeKeysAsync(Func<ApiKeySummary, bool> which)
    {
        var now = clock.GetUtcNow();
        state.State = state.State with { Keys = [.. state.State.Keys.Select(key => which(key) && key.RevokedAt is null ? key with { RevokedAt = now } : key)] };
        await state.WriteStateAsync();
    }

    private RequestorView? View() => state.State.Profile is not { } profile ? null : new RequestorView
    {
        Id = Id,
        Profile = profile,
        Status = state.State.Status,
        StatusReason = state.State.StatusReason,
        Keys = state.State.Keys,
    };
}
