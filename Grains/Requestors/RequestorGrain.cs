using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rds.Audit;
using Rds.Grains.Disclosure;
using Rds.Requestors;

namespace Rds.Grains.Requestors;

internal sealed class RequestorGrain(
    [PersistentState("requestor", StorageNames.Registry)] IPersistentState<RequestorState> state,
    TimeProvider clock,
    PseudonymMasterKey masterKey,
    PseudonymTable pseudonyms,
    IOptions<AbuseWatchOptions> abuseOptions,
    ILogger<RequestorGrain> logger) : Grain, IRequestorGrain, IRemindable
{
    private const string CaseRetentionReminder = "case-retention";

    private const int KeyIdAttempts = 3;
    private const int LeaseBlock = 100;

    private QuotaLedger? _ledger;
    private AbuseWatch? _watch;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => EndExpiredCasesAsync();

    private QuotaLedger Ledger(RequestorProfile profile)
    {
        var now = clock.GetUtcNow();
        if (_ledger is null)
        {
            var sameDay = state.State.QuotaDay == DateOnly.FromDateTime(now.UtcDateTime);
            _ledger = new QuotaLedger(profile.Quotas, now, sameDay ? state.State.RecordsLeased : 0, sameDay ? state.State.PivotsByCase : null);
        }
        _ledger.Update(profile.Quotas);
        return _ledger;
    }

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

    async Task<AccessDecision> IRequestorGrain.AuthorizeAsync(string keyId, AccessRequest request, int records)
    {
        var decision = AccessPolicy.Decide(state.State, keyId, request, clock.GetUtcNow());
        if (decision.Outcome == AccessOutcome.Granted && state.State.Profile!.Pseudonymised)
            decision = decision with
            {
                Disclosure = decision.Disclosure! with { Pseudonyms = masterKey.ForCase(Id, request.CaseId, state.State.Cases[request.CaseId].KeySalt!) },
            };
        if (decision.Outcome == AccessOutcome.Granted && state.State.ThrottledUntil is { } until && until > clock.GetUtcNow())
            return new AccessDecision
            {
                Outcome = AccessOutcome.Throttled,
                RetryAfter = until - clock.GetUtcNow(),
                Reason = "This requestor is throttled by the abuse watch pending an operator's review.",
            };
        if (decision.Outcome == AccessOutcome.Granted && Ledger(state.State.Profile!).TryTakeRequest(clock.GetUtcNow()) is { } wait)
            decision = new AccessDecision
            {
                Outcome = AccessOutcome.Throttled,
                RetryAfter = wait,
                Reason = $"Over the rate of {state.State.Profile!.Quotas.RequestsPerMinute} requests a minute (burst {state.State.Profile.Quotas.Burst}).",
            };
        if (decision.Outcome == AccessOutcome.Granted && records > 0)
            decision = decision with { Reservation = await ReserveAsync(records, pivotCase: null) };
        return decision;
    }

    async Task<CaseOutcome> IRequestorGrain.OpenCaseAsync(string keyId, InvestigationCase investigation)
    {
        var now = clock.GetUtcNow();
        if (AccessPolicy.StandingOf(state.State, keyId, now) is { } refusal)
            return new CaseOutcome { Access = refusal.Outcome, Problem = refusal.Reason };
        if (!state.State.Profile!.Purposes.ContainsKey(investigation.Purpose))
            return new CaseOutcome { Access = AccessOutcome.Refused, Problem = $"This requestor is not accredited for the purpose '{investigation.Purpose.WireName()}'." };
        if (state.State.Cases.TryGetValue(investigation.CaseId, out var existing))
            return new CaseOutcome { Access = AccessOutcome.Granted, Case = existing.Case, Problem = $"Case '{investigation.CaseId}' exists already; case ids are never reused." };

        var opened = investigation with { OpenedAt = now, ClosedAt = null };
        state.State = state.State with
        {
            Cases = state.State.Cases.SetItem(opened.CaseId, new CaseState { Case = opened, KeySalt = RandomNumberGenerator.GetBytes(32) }),
        };
        await state.WriteStateAsync();
        logger.LogInformation("Requestor {Requestor} opened case {Case}", Id, opened.CaseId);
        await ScheduleCaseRetentionAsync();
        return new CaseOutcome { Access = AccessOutcome.Granted, Case = opened };
    }

    async Task<CaseOutcome> IRequestorGrain.GetCaseAsync(string keyId, string caseId)
    {
        if (AccessPolicy.StandingOf(state.State, keyId, clock.GetUtcNow()) is { Outcome: AccessOutcome.UnknownKey } unknown)
            return new CaseOutcome { Access = unknown.Outcome, Problem = unknown.Reason };
        await EndExpiredCasesAsync();
        return state.State.Cases.TryGetValue(caseId, out var found)
            ? new CaseOutcome { Access = AccessOutcome.Granted, Case = found.Case }
            : new CaseOutcome { Access = AccessOutcome.Granted, Found = false, Problem = $"There is no case '{caseId}'." };
    }

    async Task<InvestigationCase?> IRequestorGrain.FindCaseAsync(string caseId)
    {
        await EndExpiredCasesAsync();
        return state.State.Cases.TryGetValue(caseId, out var found) ? found.Case : null;
    }

    async Task<CaseOutcome> IRequestorGrain.CloseCaseAsync(string keyId, string caseId)
    {
        // A suspended or expired requestor may still close its cases: closing only gives up access.
        if (AccessPolicy.StandingOf(state.State, keyId, clock.GetUtcNow()) is { Outcome: AccessOutcome.UnknownKey } unknown)
            return new CaseOutcome { Access = unknown.Outcome, Problem = unknown.Reason };
        if (!state.State.Cases.TryGetValue(caseId, out var found))
            return new CaseOutcome { Access = AccessOutcome.Granted, Found = false, Problem = $"There is no case '{caseId}'." };
        if (found.Case.ClosedAt is null)
        {
            state.State = state.State with { Cases = state.State.Cases.SetItem(caseId, CaseRetention.Closed(found, clock.GetUtcNow())) };
            await state.WriteStateAsync();
            logger.LogInformation("Requestor {Requestor} closed case {Case}", Id, caseId);
        }
        // Again on every close, so a close whose deletion failed can simply be retried.
        await pseudonyms.DestroyAsync($"{Id}/{caseId}");
        return new CaseOutcome { Access = AccessOutcome.Granted, Case = state.State.Cases[caseId].Case };
    }

    // A daily reminder while a case awaits the end of its retention, so that end comes even if the requestor is idle.
    private async Task ScheduleCaseRetentionAsync()
    {
        try
        {
            await this.RegisterOrUpdateReminder(CaseRetentionReminder, TimeSpan.FromDays(1), TimeSpan.FromDays(1));
        }
        catch (Exception failure)
        {
            // The case is open either way; its retention is then enforced when the requestor is next active.
            logger.LogWarning(failure, "The case retention reminder of requestor {Requestor} could not be registered", Id);
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != CaseRetentionReminder)
            return;
        await EndExpiredCasesAsync();
        if (!state.State.Cases.Values.Any(CaseRetention.AwaitsEnd) && await this.GetReminder(CaseRetentionReminder) is { } reminder)
            await this.UnregisterReminder(reminder);
    }

    private async Task EndExpiredCasesAsync()
    {
        var expired = CaseRetention.Expired(state.State.Cases.Values, clock.GetUtcNow());
        if (expired.Length == 0)
            return;
        state.State = state.State with { Cases = state.State.Cases.SetItems(expired.Select(c => KeyValuePair.Create(c.Case.CaseId, CaseRetention.Purged(c)))) };
        await state.WriteStateAsync();
        foreach (var ended in expired)
            await pseudonyms.DestroyAsync($"{Id}/{ended.Case.CaseId}");
        logger.LogInformation("Requestor {Requestor}: {Count} case(s) reached the end of their retention", Id, expired.Length);
    }

    async Task IRequestorGrain.ObserveAsync(ImmutableArray<RequestObservation> observations)
    {
        foreach (var observation in observations)
            await ObserveAsync(observation);
    }

    private async Task ObserveAsync(RequestObservation observation)
    {
        if (observation.UnusedRecords > 0)
            _ledger?.Settle(observation.UnusedRecords, observation.ReservedOn);
        if (state.State.Profile is null || state.State.Status != RequestorStatus.Active)
            return;
        _watch ??= new AbuseWatch(abuseOptions.Value);
        var now = clock.GetUtcNow();
        if (_watch.Observe(observation, now) is not var (rule, detail))
            return;
        _watch.Reset();
        // A first flag throttles; another within the watch's memory suspends pending review.
        var suspend = state.State.Flags.Any(flag => flag.RaisedAt > now - abuseOptions.Value.Memory);
        var flag = new AbuseFlag { FlagId = Guid.NewGuid().ToString("N")[..12], Rule = rule, Detail = detail, RaisedAt = now, Suspended = suspend };
        state.State = state.State with
        {
            Flags = state.State.Flags.Add(flag),
            ThrottledUntil = suspend ? state.State.ThrottledUntil : now + abuseOptions.Value.Throttle,
            Status = suspend ? RequestorStatus.Suspended : state.State.Status,
            StatusReason = suspend ? $"abuse watch flag {flag.FlagId}: {detail}" : state.State.StatusReason,
        };
        await state.WriteStateAsync();
        logger.LogWarning("Abuse watch: requestor {Requestor} {Action} by rule {Rule}", Id, suspend ? "suspended" : "throttled", rule);
        await RecordActionAsync(flag.FlagId, $"abuse watch: {rule}: {detail}; requestor {(suspend ? "suspended pending review" : $"throttled until {now + abuseOptions.Value.Throttle:u}")}");
    }

    Task<ImmutableArray<AbuseFlag>> IRequestorGrain.FlagsAsync() => Task.FromResult(state.State.Flags);

    async Task<bool> IRequestorGrain.LiftFlagAsync(string flagId, string note)
    {
        if (state.State.Flags.FirstOrDefault(flag => flag.FlagId == flagId) is not { } flag)
            return false;
        if (flag.LiftedAt is null)
        {
            var lifted = flag with { LiftedAt = clock.GetUtcNow(), LiftNote = note };
            var stillActive = state.State.Flags.Where(f => f.FlagId != flagId && f.LiftedAt is null).ToArray();
            state.State = state.State with
            {
                Flags = state.State.Flags.Replace(flag, lifted),
                ThrottledUntil = stillActive.Any(f => !f.Suspended) ? state.State.ThrottledUntil : null,
                Status = flag.Suspended && state.State.Status == RequestorStatus.Suspended && !stillActive.Any(f => f.Suspended) ? RequestorStatus.Active : state.State.Status,
            };
            await state.WriteStateAsync();
            logger.LogInformation("Abuse flag {Flag} of requestor {Requestor} lifted", flagId, Id);
            await RecordActionAsync(flagId, $"abuse watch flag lifted by an operator: {note}");
        }
        return true;
    }

    // The watch's actions go into the requestor's own audit chain, next to the requests that set them off.
    private Task RecordActionAsync(string actionId, string reason) => GrainFactory.GetGrain<IAuditLogGrain>(Id).AppendAsync(new AuditRecord
    {
        RequestId = actionId,
        RequestorId = Id,
        Query = "abuse watch",
        Decision = AuditDecision.Refused,
        Reason = reason,
        ReceivedAt = clock.GetUtcNow(),
        DecidedAt = clock.GetUtcNow(),
    });

    Task<RecordReservation> IRequestorGrain.ReserveAsync(int records, string? pivotCase) => ReserveAsync(records, pivotCase);

    private async Task<RecordReservation> ReserveAsync(int records, string? pivotCase)
    {
        if (state.State.Profile is not { } profile)
            return new RecordReservation { Granted = 0, Reason = "Not a registered requestor." };
        var ledger = Ledger(profile);
        var reservation = ledger.Reserve(records, pivotCase, clock.GetUtcNow());
        if (reservation.Granted == 0)
            return reservation;
        var leased = state.State.QuotaDay == ledger.Day ? state.State.RecordsLeased : 0;
        if (ledger.RecordsUsed > leased || pivotCase is not null)
        {
            // Written before the records are handed out: a crash after this can only over-count.
            state.State = state.State with
            {
                QuotaDay = ledger.Day,
                RecordsLeased = Math.Max(leased, Math.Min(profile.Quotas.RecordsPerDay, ledger.RecordsUsed + LeaseBlock)),
                PivotsByCase = ledger.PivotsByCase.ToImmutableDictionary(StringComparer.Ordinal),
            };
            await state.WriteStateAsync();
        }
        return reservation;
    }

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
        RecordsUsedToday = Ledger(profile).UsedOn(clock.GetUtcNow()),
    };
}
