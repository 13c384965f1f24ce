using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Rds.Requestors;

/// <summary>One accredited requestor: its profile, status and API keys, and the decision on each of its requests. Key: the requestor id.</summary>
[Alias("rds.IRequestorGrain")]
public interface IRequestorGrain : IGrainWithStringKey
{
    /// <summary>Registers the requestor or replaces its profile (status and keys stay). A revoked requestor cannot be registered again.</summary>
    Task<RequestorRegistration> RegisterAsync(RequestorProfile profile);

    /// <summary>The requestor as operators see it; null when not registered.</summary>
    Task<RequestorView?> GetAsync();

    Task<StatusChangeOutcome> SuspendAsync(string reason);

    Task<StatusChangeOutcome> ReinstateAsync();

    /// <summary>Revokes the requestor for good, with all its keys.</summary>
    Task<StatusChangeOutcome> RevokeAsync(string reason);

    /// <summary>A new API key, whose token is returned this once; null when the requestor is not registered or is revoked.</summary>
    Task<IssuedApiKey?> IssueKeyAsync();

    /// <summary>Revokes one key at once; false when the requestor has no such key.</summary>
    Task<bool> RevokeKeyAsync(string keyId);

    /// <summary>
    /// Decides whether a request presented with <paramref name="keyId"/> may be served, and with what disclosure; takes
    /// one request from the rate and, when <paramref name="records"/> is positive, reserves that many records at once
    /// (<see cref="AccessDecision.Reservation"/>), saving the call a lookup would otherwise make.
    /// </summary>
    Task<AccessDecision> AuthorizeAsync(string keyId, AccessRequest request, int records);

    /// <summary>Opens a case (its <see cref="InvestigationCase.OpenedAt"/> is set here); refused for a purpose the accreditation lacks or an id in use.</summary>
    Task<CaseOutcome> OpenCaseAsync(string keyId, InvestigationCase investigation);

    Task<CaseOutcome> GetCaseAsync(string keyId, string caseId);

    /// <summary>A case as staff see it, without the requestor's key (access reports); null when there is none.</summary>
    Task<InvestigationCase?> FindCaseAsync(string caseId);

    /// <summary>Closes a case: no request may name it any more and its pseudonym key is destroyed.</summary>
    Task<CaseOutcome> CloseCaseAsync(string keyId, string caseId);

    /// <summary>
    /// After answers, in the order they were given: returns the records they did not use
    /// (<see cref="RequestObservation.UnusedRecords"/>) and feeds the abuse watch, where a tripped rule throttles and a
    /// second one suspends. One-way, and batched by the gateway: answers do not wait for it.
    /// </summary>
    [OneWay]
    Task ObserveAsync(ImmutableArray<RequestObservation> observations);

    Task<ImmutableArray<AbuseFlag>> FlagsAsync();

    /// <summary>An operator's review: lifts a flag, ending its throttle or the suspension it caused; false when there is no such flag.</summary>
    Task<bool> LiftFlagAsync(string flagId, string note);

    /// <summary>Takes up to <paramref name="records"/> from today's record quota (and for a pivot, one of its case's pivots) before the work.</summary>
    Task<RecordReservation> ReserveAsync(int records, string? pivotCase);


}
