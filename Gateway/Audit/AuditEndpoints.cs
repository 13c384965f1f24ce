using System.Globalization;
using Rds.Attributes;
using Rds.Audit;
using Rds.Registrations;
using Rds.Gateway.Admin;
using Rds.Hosting;
using Rds.Gateway.Rdap;

namespace Rds.Gateway.Audit;

/// <summary>Auditors read a requestor's audit log by case and time, and verify its hash chain; auditors only.</summary>
internal static class AuditEndpoints
{
    private const int MaxPage = 1000;

    /// <summary>Most domains a contact's access report covers; a contact on more domains than this is a service, not a person.</summary>
    private const int MaxContactDomains = 10_000;

    public static void MapAudit(this IEndpointRouteBuilder app)
    {
        var subjects = app.MapGroup("/audit/subjects").RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(StaffKeyHandler.AuditorScheme)
            .RequireRole(StaffKeyHandler.AuditorRole));
        subjects.MapGet("/domain/{name}", async (string name, IGrainFactory grains) =>
        {
            var normalized = DomainNames.Normalize(name);
            if (!normalized.IsValid)
                return RdapError.BadRequest($"'{RdapEndpoints.Printable(name)}' is not a valid domain name.", normalized.Error);
            var report = await grains.GetGrain<IAccessReportGrain>(0).DisclosuresOfDomainAsync(normalized.ALabel);
            return Results.Ok(new { domain = normalized.ALabel, disclosures = report.Select(Disclosure) });
        });
        subjects.MapGet("/contact", ContactReportAsync);

        var audit = app.MapGroup("/audit/requestors/{id}").RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(StaffKeyHandler.AuditorScheme)
            .RequireRole(StaffKeyHandler.AuditorRole));
        audit.MapGet("", ReadAsync);
        audit.MapGet("/verify", async (string id, IGrainFactory grains) =>
        {
            if (!RequestorProfileParser.IsValidId(id))
                return InvalidId(id);
            var verification = await grains.GetGrain<IAuditLogGrain>(id).VerifyAsync();
            return Results.Ok(new
            {
                requestor = id,
                intact = verification.Intact,
                records = verification.Records,
                brokenAt = verification.BrokenAt,
                problem = verification.Problem,
                // Records up to here were deleted at the end of the audit retention; the chain is checked from the next.
                purgedThrough = verification.PurgedThrough >= 0 ? verification.PurgedThrough : (long?)null,
            });
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

    // A person's report: the disclosures of personal data of every domain that lists the email now, as registrant or tech contact.
    private static async Task<IResult> ContactReportAsync(string? email, IGrainFactory grains)
    {
        var values = new List<AttributeValue>();
        foreach (var kind in new[] { AttributeKind.RegistrantEmail, AttributeKind.TechEmail })
        {
            if (!AttributeNormalizer.TryNormalize(kind, email ?? "", out var value, out var error))
                return RdapError.BadRequest($"'email' must be an email address: {error}");
            values.Add(value);
        }
        var domains = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            string? after = null;
            do
            {
                var page = await grains.GetGrain<IAttributeGrain>(AttributeKey.Of(value)).ListAsync(after, 1000);
                domains.UnionWith(page.Domains);
                after = page.Next;
            } while (after is not null && domains.Count < MaxContactDomains);
        }
        var reports = await Task.WhenAll(domains.Take(MaxContactDomains).Select(domain => grains.GetGrain<IAccessReportGrain>(0).DisclosuresOfDomainAsync(domain)));
        var personal = reports.SelectMany(report => report).Where(record => record.ElementsDisclosed.Length > 0).OrderBy(record => record.ReceivedAt);
        return Results.Ok(new { email = values[0].Value, domains = domains.Count, truncated = domains.Count > MaxContactDomains, disclosures = personal.Select(Disclosure) });
    }

    private static object Disclosure(AuditRecord record) => new
    {
        at = record.ReceivedAt,
        requestor = record.RequestorId,
        purpose = record.Purpose,
        legalBasis = record.LegalBasis,
        caseId = record.CaseId,
        elements = record.ElementsDisclosed,
        domains = record.Domains,
    };

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
