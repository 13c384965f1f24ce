using Rds.Disclosure;
using Rds.Gateway.Hosting;
using Rds.Gateway.Rdap;
using Rds.Requestors;

namespace Rds.Gateway.Admin;

/// <summary>Operators register accredited requestors, change their status and issue or revoke their API keys.</summary>
internal static class RequestorEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static void MapRequestors(this RouteGroupBuilder admin)
    {
        var requestors = admin.MapGroup("/requestors/{id}");
        requestors.MapPut("", RegisterAsync);
        requestors.MapGet("", GetAsync);
        requestors.MapPost("/suspend", (string id, HttpContext context, IGrainFactory grains) =>
            WithReasonAsync(id, context, reason => grains.GetGrain<IRequestorGrain>(id).SuspendAsync(reason), grains));
        requestors.MapPost("/revoke", (string id, HttpContext context, IGrainFactory grains) =>
            WithReasonAsync(id, context, reason => grains.GetGrain<IRequestorGrain>(id).RevokeAsync(reason), grains));
        requestors.MapPost("/reinstate", async (string id, IGrainFactory grains) =>
            IsValid(id) is { } invalid ? invalid : await StatusAnswerAsync(id, await grains.GetGrain<IRequestorGrain>(id).ReinstateAsync(), grains));
        requestors.MapPost("/keys", IssueKeyAsync);
        requestors.MapGet("/flags", async (string id, IGrainFactory grains) => IsValid(id) ?? Results.Ok(new
        {
            requestor = id,
            flags = (await grains.GetGrain<IRequestorGrain>(id).FlagsAsync()).Select(flag => new
            {
                flagId = flag.FlagId,
                rule = RequestorProfileParser.JsonName(flag.Rule.ToString()),
                detail = flag.Detail,
                raisedAt = flag.RaisedAt,
                action = flag.Suspended ? "suspended" : "throttled",
                liftedAt = flag.LiftedAt,
                liftNote = flag.LiftNote,
            }),
        }));
        requestors.MapPost("/flags/{flagId}/lift", async (string id, string flagId, HttpContext context, IGrainFactory grains) =>
        {
            if (IsValid(id) is { } invalid)
                return invalid;
            var (body, error) = await JsonRequestBody.ReadAsync<ReasonBody>(context, MaxBodyBytes);
            if (body is null)
                return error!;
            if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 1000)
                return RdapError.BadRequest("reason: required, up to 1000 characters, for the record of this review.");
            return await grains.GetGrain<IRequestorGrain>(id).LiftFlagAsync(flagId, body.Reason.Trim())
                ? Results.Ok(Render((await grains.GetGrain<IRequestorGrain>(id).GetAsync())!))
                : RdapError.NotFound($"Requestor '{id}' has no flag '{RdapEndpoints.Printable(flagId)}'.");
        });
        requestors.MapDelete("/keys/{keyId}", RevokeKeyAsync);
    }

    private static async Task<IResult> RegisterAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (IsValid(id) is { } invalid)
            return invalid;
        var (body, error) = await JsonRequestBody.ReadAsync<RequestorBody>(context, MaxBodyBytes);
        if (body is null)
            return error!;
        var (profile, errors) = RequestorProfileParser.Parse(body);
        if (profile is null)
            return RdapError.BadRequest([.. errors]);

        var grain = grains.GetGrain<IRequestorGrain>(id);
        return await grain.RegisterAsync(profile) switch
        {
            RequestorRegistration.Revoked => RevokedConflict(id),
            RequestorRegistration.Created => Results.Created($"/admin/requestors/{id}", Render((await grain.GetAsync())!)),
            _ => Results.Ok(Render((await grain.GetAsync())!)),
        };
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains) =>
        IsValid(id) ?? (await grains.GetGrain<IRequestorGrain>(id).GetAsync() is { } view ? Results.Ok(Render(view)) : NotFound(id));

    private static async Task<IResult> WithReasonAsync(string id, HttpContext context, Func<string, Task<StatusChangeOutcome>> change, IGrainFactory grains)
    {
        if (IsValid(id) is { } invalid)
            return invalid;
        var (body, error) = await JsonRequestBody.ReadAsync<ReasonBody>(context, MaxBodyBytes);
        if (body is null)
            return error!;
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 1000)
            return RdapError.BadRequest("reason: required, up to 1000 characters, for the record of this decision.");
        return await StatusAnswerAsync(id, await change(body.Reason.Trim()), grains);
    }

    private static async Task<IResult> StatusAnswerAsync(string id, StatusChangeOutcome outcome, IGrainFactory grains) => outcome switch
    {
        StatusChangeOutcome.NotFound => NotFound(id),
        StatusChangeOutcome.Revoked => RevokedConflict(id),
        _ => Results.Ok(Render((await grains.GetGrain<IRequestorGrain>(id).GetAsync())!)),
    };

    private static async Task<IResult> IssueKeyAsync(string id, HttpContext context, IGrainFactory grains)
    {
        if (IsValid(id) is { } invalid)
            return invalid;
        var grain = grains.GetGrain<IRequestorGrain>(id);
        var key = await grain.IssueKeyAsync();
        if (key is null)
            return await grain.GetAsync() is null ? NotFound(id) : RevokedConflict(id);
        // The token exists nowhere else: no cache may keep this answer.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Created($"/admin/requestors/{id}/keys/{key.KeyId}",
            new { keyId = key.KeyId, apiKey = key.Token, note = "This API key is shown once; only its SHA-256 digest is stored." });
    }

    private static async Task<IResult> RevokeKeyAsync(string id, string keyId, IGrainFactory grains) =>
        IsValid(id) ?? (await grains.GetGrain<IRequestorGrain>(id).RevokeKeyAsync(keyId)
            ? Results.NoContent()
            : RdapError.NotFound($"Requestor '{id}' has no key '{RdapEndpoints.Printable(keyId)}'."));

    private static IResult? IsValid(string id) => RequestorProfileParser.IsValidId(id)
        ? null
        : RdapError.BadRequest($"'{RdapEndpoints.Printable(id)}' is not a requestor id: 1 to 64 lower-case letters, digits and inner hyphens.");

    private static IResult NotFound(string id) => RdapError.NotFound($"No requestor '{id}'.");

    private static IResult RevokedConflict(string id) =>
        RdapError.Result(StatusCodes.Status409Conflict, "Conflict", $"Requestor '{id}' is revoked; a revocation is final.");

    private static object Render(RequestorView view) => new
    {
        id = view.Id,
        name = view.Profile.Name,
        kind = RequestorProfileParser.JsonName(view.Profile.Kind.ToString()),
        accreditingBody = view.Profile.AccreditingBody,
        accreditedUntil = view.Profile.AccreditedUntil,
        purposes = view.Profile.Purposes.OrderBy(pair => pair.Key).ToDictionary(
            pair => pair.Key.WireName(), pair => pair.Value.Order().Select(element => element.RedactedName()).ToArray()),
        quotas = new
        {
            requestsPerMinute = view.Profile.Quotas.RequestsPerMinute,
            burst = view.Profile.Quotas.Burst,
            recordsPerDay = view.Profile.Quotas.RecordsPerDay,
            pivotsPerCasePerDay = view.Profile.Quotas.PivotsPerCasePerDay,
        },
        recordsUsedToday = view.RecordsUsedToday,
        pseudonymise = view.Profile.Pseudonymised,
        status = RequestorProfileParser.JsonName(view.Status.ToString()),
        statusReason = view.StatusReason,
        keys = view.Keys.Select(key => new { keyId = key.KeyId, issuedAt = key.IssuedAt, revokedAt = key.RevokedAt }),
    };

    private sealed record ReasonBody
    {
        public string? Reason { get; init; }
    }
}
