using System.Globalization;
using Rds.Audit;
using Rds.Gateway.Admin;
using Rds.Gateway.Auth;
using Rds.Gateway.Rdap;

namespace Rds.Gateway.Audit;

/// <summary>Auditors read a requestor's audit log by case and time, and verify its hash chain; auditors only.</summary>
internal static class AuditEndpoints
{
    private const int MaxPage = 1000;

    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/audit/requestors/{id}").RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(StaffKeyHandler.AuditorScheme)
            .RequireRole(StaffKeyHandler.AuditorRole));
        audit.MapGet("", ReadAsync);
        audit.MapGet("/verify", async (string id, IGrainFactory grains) =>
        {
            if (!RequestorProfileParser.IsValidId(id))
                return InvalidId(id);
            var verification = await grains.GetGrain<IAuditLogGrain>(id).VerifyAsync();
            return Results.Ok(new { requestor = id, intact = verification.Intact, records = verification.Records, brokenAt = verification.BrokenAt, problem = verification.Problem });
        });
    }

    private static async Task<IResult> ReadAsync(string id, string? @case, string? from, string? to, long? after, int? limit, IGrainFactory grains)
    {
        if (!RequestorProfileParser.IsValidId(id))
            return InvalidId(id);
        var errors = new List<string>();
        var start = ParseTime("from", from, errors);
        var end = ParseTime("to", to, errors);
        if (limit is < 1 or > MaxPage)
            errors.Add($"limit: 1 to {MaxPage}.");
        if (after is < -1)
            errors.Add("after: a sequence number from a previous page.");
        if (errors.Count > 0)
            return RdapError.BadRequest([.. errors]);

        var query = new AuditQuery { CaseId = @case, From = start, To = end, After = after ?? -1, Limit = limit ?? 100 };
        var entries = await grains.GetGrain<IAuditLogGrain>(id).ReadAsync(query);
        return Results.Ok(new
        {
            requestor = id,
            records = entries.Select(entry => new { sequence = entry.Sequence, previousHash = entry.PreviousHash, hash = entry.Hash, record = entry.Record }),
            next = entries.Length == query.Limit ? entries[^1].Sequence : (long?)null,
        });
    }

    private static DateTimeOffset? ParseTime(string name, string? text, List<string> errors)
    {
        if (text is null)
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time;
        errors.Add($"{name}: an RFC 3339 date-time, e.g. 2026-12-01T00:00:00Z.");
        return null;
    }

    private static IResult InvalidId(string id) => RdapError.BadRequest($"'{RdapEndpoints.Printable(id)}' is not a requestor id.");
}
