using Microsoft.Extensions.Options;
using Rds.Audit;
using Rds.Gateway.Audit;
using Rds.Gateway.Auth;
using Rds.Gateway.Rdap;
using Rds.Requestors;

namespace Rds.Gateway.Access;

/// <summary>
/// Runs after authentication on every data endpoint: the request must state its purpose, legal basis, case,
/// justification, evidence, elements and the current agreement (400 naming each missing item), and the requestor
/// must be allowed to ask it (403 with the reason). Only then does the endpoint run, with the granted disclosure.
/// </summary>
internal sealed class DisclosureAccessFilter(IGrainFactory grains, AuditPublisher auditPublisher, ObservationBatcher observations, IOptions<AccessOptions> options, IOptions<RdapOptions> rdapOptions, TimeProvider clock,
    AccessMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var requestorId = context.User.FindFirst(RequestorKeyHandler.RequestorClaim)!.Value;
        var keyId = context.User.FindFirst(RequestorKeyHandler.KeyClaim)!.Value;
        var audit = new AuditScope(auditPublisher, clock, requestorId, keyId, $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");

        var requestor = grains.GetGrain<IRequestorGrain>(requestorId);
        var (access, errors) = AccessHeaders.Parse(context.Request.Headers);
        if (access is null)
        {
            observations.Observe(requestorId, Observation(context, keyId, malformed: true, results: 0, pivotCase: null));
            return await AuditedAsync(audit, AuditDecision.Rejected, string.Join(" ", errors),
                RdapError.BadRequest(["Every request must state why it needs the data; see /rdap/help.", .. errors]));
        }
        audit.Access = access;
        if (keyId == RequestorCredentials.Token && !context.User.FindAll(RequestorTokens.PurposeClaim).Any(claim => claim.Value == access.Purpose.WireName()))
            return await DeniedAsync(audit, AccessDenial.Refused, "purpose not in the token",
                RdapError.Result(StatusCodes.Status403Forbidden, "Forbidden", $"The token does not allow the purpose '{access.Purpose.WireName()}' (rdap_allowed_purposes)."));
        if (access.AgreementVersion != options.Value.AgreementVersion)
            return await DeniedAsync(audit, AccessDenial.Refused, $"user agreement {access.AgreementVersion} is not the current one",
                RdapError.Result(StatusCodes.Status403Forbidden, "Forbidden",
                    $"The current user agreement is version {options.Value.AgreementVersion}; accept it and state it in {AccessHeaders.Agreement}."));

        var upfront = context.GetEndpoint()?.Metadata.GetMetadata<UpfrontRecords>() is { } wanted
            ? wanted.SearchPage ? rdapOptions.Value.SearchPageSize : wanted.Records
            : 0;
        var decision = await requestor.AuthorizeAsync(keyId, access, upfront);
        switch (decision.Outcome)
        {
            case AccessOutcome.UnknownKey:
                context.Response.Headers.WWWAuthenticate = RequestorKeyHandler.Challenge;
                return await DeniedAsync(audit, AccessDenial.InvalidCredential, decision.Reason,
                    RdapError.Result(StatusCodes.Status401Unauthorized, "Unauthorized", decision.Reason!));
            case AccessOutcome.Refused:
                return await DeniedAsync(audit, AccessDenial.Refused, decision.Reason,
                    RdapError.Result(StatusCodes.Status403Forbidden, "Forbidden", decision.Reason!));
            case AccessOutcome.Throttled:
                return await DeniedAsync(audit, AccessDenial.Throttled, "throttled: " + decision.Reason,
                    RdapError.Result(StatusCodes.Status429TooManyRequests, "Too Many Requests", decision.RetryAfter, decision.Reason!));
        }

        if (decision.Reservation is { Granted: 0 } overQuota)
            return await DeniedAsync(audit, AccessDenial.OverQuota, "over quota: " + overQuota.Reason,
                RdapError.Result(StatusCodes.Status429TooManyRequests, "Too Many Requests", overQuota.RetryAfter, overQuota.Reason!));
        audit.Confidential = decision.CaseConfidential;
        var grant = new DisclosureGrant(requestor, access, decision.Disclosure!, audit, decision.Reservation, metrics);
        grant.AttachTo(context);
        var result = await next(invocation);
        var status = result is RdapJsonResult rdap ? rdap.StatusCode : context.Response.StatusCode;
        // The record is durable before the answer is written (a streamed pivot records its start before streaming).
        if (!audit.Completed)
            await audit.RecordAsync(AuditDecision.Granted, status >= 400 ? $"answered {status}" : null);
        // With the records to give back; batched, one-way: a lost batch leaves them counted, never more disclosed than the quota.
        observations.Observe(requestorId, Observation(context, keyId, malformed: status == StatusCodes.Status400BadRequest, audit.ResultCount,
            pivotCase: context.Request.Path.StartsWithSegments("/pivots") ? access.CaseId : null) with
        {
            UnusedRecords = grant.UnusedRecords,
            ReservedOn = grant.ReservedOn,
        });
        return result;
    }

    private static RequestObservation Observation(HttpContext context, string keyId, bool malformed, int results, string? pivotCase) => new()
    {
        KeyId = keyId,
        Source = context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
        Fingerprint = $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}",
        Malformed = malformed,
        Results = results,
        PivotCase = pivotCase,
    };

    private static async Task<IResult> AuditedAsync(AuditScope audit, AuditDecision decision, string? reason, IResult answer)
    {
        await audit.RecordAsync(decision, reason);
        return answer;
    }

    private Task<IResult> DeniedAsync(AuditScope audit, AccessDenial denial, string? reason, IResult answer)
    {
        metrics.Denied(denial);
        return AuditedAsync(audit, denial == AccessDenial.InvalidCredential ? AuditDecision.Unauthenticated : AuditDecision.Refused, reason, answer);
    }
}
