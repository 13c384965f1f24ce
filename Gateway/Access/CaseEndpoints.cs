using System.Collections.Immutable;
using Rds.Audit;
using Rds.Gateway.Audit;
using Rds.Gateway.Auth;
using Rds.Gateway.Hosting;
using Rds.Gateway.Rdap;
using Rds.Requestors;

namespace Rds.Gateway.Access;

/// <summary>Requestors open, read and close the cases their requests name; every action is audited.</summary>
internal static class CaseEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;
    private const int MaxRetentionDays = 3 * 365;

    public static void MapCases(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/cases").RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(RequestorKeyHandler.TokenSchemeName, RequestorKeyHandler.SchemeName)
            .RequireClaim(RequestorKeyHandler.RequestorClaim));
        cases.MapPost("", OpenAsync);
        cases.MapGet("/{caseId}", (string caseId, HttpContext context, IGrainFactory grains, TimeProvider clock) =>
            AnswerAsync(context, grains, clock, caseId, (requestor, keyId) => requestor.GetCaseAsync(keyId, caseId), audited: false));
        cases.MapPost("/{caseId}/close", (string caseId, HttpContext context, IGrainFactory grains, TimeProvider clock) =>
            AnswerAsync(context, grains, clock, caseId, (requestor, keyId) => requestor.CloseCaseAsync(keyId, caseId), audited: true));
    }

    private static async Task<IResult> OpenAsync(HttpContext context, IGrainFactory grains, TimeProvider clock)
    {
        var (body, error) = await JsonRequestBody.ReadAsync<CaseBody>(context, MaxBodyBytes);
        if (body is null)
            return error!;
        var (investigation, errors) = Parse(body);
        if (investigation is null)
            return RdapError.BadRequest([.. errors]);

        var created = false;
        var answer = await AnswerAsync(context, grains, clock, investigation.CaseId, async (requestor, keyId) =>
        {
            var outcome = await requestor.OpenCaseAsync(keyId, investigation);
            created = outcome is { Access: AccessOutcome.Granted, Problem: null };
            return outcome;
        }, audited: true);
        return created ? Results.Created($"/cases/{investigation.CaseId}", ((IValueHttpResult)answer).Value) : answer;
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, IGrainFactory grains, TimeProvider clock, string caseId,
        Func<IRequestorGrain, string, Task<CaseOutcome>> act, bool audited)
    {
        if (!AccessHeaders.IsValidCaseId(caseId))
            return RdapError.BadRequest("A case id is 1 to 64 letters, digits or . _ : -.");
        var requestorId = context.User.FindFirst(RequestorKeyHandler.RequestorClaim)!.Value;
        var keyId = context.User.FindFirst(RequestorKeyHandler.KeyClaim)!.Value;
        var outcome = await act(grains.GetGrain<IRequestorGrain>(requestorId), keyId);

        var (decision, answer) = outcome switch
        {
            { Access: AccessOutcome.UnknownKey } => (AuditDecision.Unauthenticated, Unauthorized(context, outcome.Problem!)),
            { Access: AccessOutcome.Refused } => (AuditDecision.Refused, RdapError.Result(StatusCodes.Status403Forbidden, "Forbidden", outcome.Problem!)),
            { Found: false } => (AuditDecision.Rejected, RdapError.NotFound(outcome.Problem!)),
            { Problem: { } problem } => (AuditDecision.Rejected, RdapError.Result(StatusCodes.Status409Conflict, "Conflict", problem)),
            _ => (AuditDecision.Granted, Results.Ok(Render(outcome.Case!))),
        };
        // Counted as the access filter counts its refusals; the requestor's grain never throttles a case action, so no 429 here.
        if (decision is AuditDecision.Unauthenticated or AuditDecision.Refused)
            context.RequestServices.GetRequiredService<AccessMetrics>().Denied(decision == AuditDecision.Unauthenticated ? AccessDenial.InvalidCredential : AccessDenial.Refused);
        if (audited)
        {
            var audit = new AuditScope(context.RequestServices.GetRequiredService<AuditPublisher>(), clock, requestorId, keyId, $"{context.Request.Method} {context.Request.Path}") { CaseId = caseId };
            await audit.RecordAsync(decision, decision == AuditDecision.Granted ? null : outcome.Problem);
        }
        return answer;
    }

    private static IResult Unauthorized(HttpContext context, string reason)
    {
        context.Response.Headers.WWWAuthenticate = RequestorKeyHandler.Challenge;
        return RdapError.Result(StatusCodes.Status401Unauthorized, "Unauthorized", reason);
    }

    private static (InvestigationCase? Case, List<string> Errors) Parse(CaseBody body)
    {
        var errors = new List<string>();
        if (!AccessHeaders.IsValidCaseId(body.CaseId))
            errors.Add("caseId: 1 to 64 letters, digits or . _ : -.");
        if (!RdapPurposes.TryParse(body.Purpose, out var purpose))
            errors.Add($"purpose: one of {string.Join(", ", RdapPurposes.All)}.");
        if (!LegalBases.TryParse(body.LegalBasis, out var basis))
            errors.Add($"legalBasis: one of {string.Join(", ", LegalBases.All)}.");
        var evidence = (body.Evidence ?? []).Where(item => !string.IsNullOrWhiteSpace(item)).Select(item => item!.Trim()).ToImmutableArray();
        if (evidence.Length is 0 or > 20 || evidence.Any(item => item.Length > 512 || item.Any(char.IsControl)))
            errors.Add("evidence: 1 to 20 references to the evidence of abuse (URLs or report ids).");
        if (body.RetentionDays is not (>= 1 and <= MaxRetentionDays))
            errors.Add($"retentionDays: 1 to {MaxRetentionDays}.");
        if (body.Confidential is null)
            errors.Add("confidential: true for an active investigation whose disclosures must not be reported to data subjects until it is closed, else false.");
        if (errors.Count > 0)
            return (null, errors);
        return (new InvestigationCase
        {
            CaseId = body.CaseId!,
            Purpose = purpose,
            LegalBasis = basis,
            Evidence = evidence,
            RetentionDays = body.RetentionDays!.Value,
            Confidential = body.Confidential!.Value,
        }, errors);
    }

    private static object Render(InvestigationCase investigation) => new
    {
        caseId = investigation.CaseId,
        purpose = investigation.Purpose.WireName(),
        legalBasis = investigation.LegalBasis.WireName(),
        evidence = investigation.Evidence,
        retentionDays = investigation.RetentionDays,
        confidential = investigation.Confidential,
        openedAt = investigation.OpenedAt,
        retainedUntil = investigation.RetainedUntil,
        closedAt = investigation.ClosedAt,
        status = investigation.ClosedAt is null ? "open" : "closed",
    };

    private sealed record CaseBody
    {
        public string? CaseId { get; init; }

        public string? Purpose { get; init; }

        public string? LegalBasis { get; init; }

        public string?[]? Evidence { get; init; }

        public int? RetentionDays { get; init; }

        public bool? Confidential { get; init; }
    }
}
