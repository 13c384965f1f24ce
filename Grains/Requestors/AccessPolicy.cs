using Rds.Disclosure;
using Rds.Requestors;

namespace Rds.Grains.Requestors;

/// <summary>
/// Whether a requestor's request may be served, and what it may see: the non-public elements it asked for, if its
/// accreditation allows them for the stated purpose. Reasons name what failed but never the operator's notes.
/// </summary>
internal static class AccessPolicy
{
    public static AccessDecision Decide(RequestorState state, string keyId, AccessRequest request, DateTimeOffset now)
    {
        if (StandingOf(state, keyId, now) is { } refusal)
            return refusal;
        var profile = state.Profile!;
        if (!profile.Purposes.TryGetValue(request.Purpose, out var allowed))
            return AccessDecision.Refuse($"This requestor is not accredited for the purpose '{request.Purpose.WireName()}'.");
        if (!state.Cases.TryGetValue(request.CaseId, out var investigation))
            return AccessDecision.Refuse($"There is no case '{request.CaseId}': open it first (POST /cases).");
        if (!investigation.Case.IsOpenAt(now))
            return AccessDecision.Refuse($"Case '{request.CaseId}' is closed" + (investigation.Case.ClosedAt is null ? " (its retention period ended)." : "."));
        if (investigation.Case.Purpose != request.Purpose || investigation.Case.LegalBasis != request.LegalBasis)
            return AccessDecision.Refuse($"Case '{request.CaseId}' was opened for '{investigation.Case.Purpose.WireName()}' on {investigation.Case.LegalBasis.WireName()}; a request in it must state the same.");
        var notAllowed = request.Elements.Except(allowed);
        if (notAllowed.Count > 0)
            return AccessDecision.Refuse($"For '{request.Purpose.WireName()}' this requestor may not receive: "
                + string.Join(", ", notAllowed.Order().Select(element => element.RedactedName())) + ".");

        return new AccessDecision
        {
            Outcome = AccessOutcome.Granted,
            CaseConfidential = investigation.Case.Confidential,
            Disclosure = new DisclosureRequest { Requested = request.Elements, Entitlements = new Entitlements { Clear = allowed } },
        };
    }

    /// <summary>Whether the key's holder may ask anything at all: known key, active and accredited requestor; null when it may.</summary>
    public static AccessDecision? StandingOf(RequestorState state, string keyId, DateTimeOffset now)
    {
        // A token is vouched for by the identity provider; an API key must be one of the requestor's own.
        var token = keyId == RequestorCredentials.Token;
        if (state.Profile is not { } profile || !token && !state.Keys.Any(key => key.KeyId == keyId))
            return AccessDecision.UnknownKey;
        if (state.Status == RequestorStatus.Revoked)
            return AccessDecision.Refuse("This requestor's access is revoked.");
        if (!token && state.Keys.Single(key => key.KeyId == keyId).RevokedAt is not null)
            return AccessDecision.UnknownKey;
        if (state.Status == RequestorStatus.Suspended)
            return AccessDecision.Refuse("This requestor's access is suspended pending an operator's review.");
        if (profile.AccreditedUntil <= now)
            return AccessDecision.Refuse($"This requestor's accreditation by {profile.AccreditingBody} expired on {profile.AccreditedUntil:yyyy-MM-dd}.");
        return null;
    }
}
