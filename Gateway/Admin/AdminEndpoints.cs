using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Rds.Domains;
using Rds.Hosting;
using Rds.Gateway.Rdap;
using Rds.Registrations;

namespace Rds.Gateway.Admin;

/// <summary>Ingestion by registries and registrars: upsert, delete and bulk NDJSON import; operators only.</summary>
internal static class AdminEndpoints
{
    private static readonly string[] NdjsonMediaTypes = ["application/x-ndjson", "application/jsonl", "application/json-seq", "application/ndjson"];

    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(StaffKeyHandler.OperatorScheme)
            .RequireRole(StaffKeyHandler.OperatorRole));
        admin.MapPut("/domains/{name}", UpsertAsync);
        admin.MapDelete("/domains/{name}", DeleteAsync);
        admin.MapPost("/domains/bulk", BulkImportAsync);
        admin.MapRequestors();
    }

    private static async Task<IResult> UpsertAsync(string name, HttpContext context, IngestionService ingestion, IOptions<AdminOptions> options)
    {
        var normalized = DomainNames.Normalize(name);
        if (!normalized.IsValid)
            return RdapError.BadRequest($"'{RdapEndpoints.Printable(name)}' is not a valid domain name.", normalized.Error);
        var body = await ReadBoundedAsync(context, options.Value.MaxRecordBytes);
        if (body is null)
            return RdapError.Result(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"A record may be at most {options.Value.MaxRecordBytes} bytes.");

        var result = await ingestion.UpsertAsync(body, normalized.ALabel);
        return result.Outcome switch
        {
            UpsertOutcome.Stored or UpsertOutcome.Unchanged => Results.Ok(new { domain = result.DomainName, outcome = result.Outcome.ToString()!.ToLowerInvariant() }),
            UpsertOutcome.Stale => RdapError.Result(StatusCodes.Status409Conflict, "Conflict", "The stored record or its deletion is newer than this one (updatedDate)."),
            UpsertOutcome.Conflict => RdapError.Result(StatusCodes.Status409Conflict, "Conflict", "A different record with the same updatedDate is stored."),
            _ => RdapError.BadRequest([.. result.Errors]),
        };
    }

    private static async Task<IResult> DeleteAsync(string name, string? deletedAt, IGrainFactory grains, TimeProvider clock)
    {
        var normalized = DomainNames.Normalize(name);
        if (!normalized.IsValid)
            return RdapError.BadRequest($"'{RdapEndpoints.Printable(name)}' is not a valid domain name.", normalized.Error);
        var at = clock.GetUtcNow();
        if (deletedAt is not null && !DateTimeOffset.TryParse(deletedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
            return RdapError.BadRequest("'deletedAt' must be an RFC 3339 date-time, e.g. 2026-12-01T10:00:00Z.");

        var outcome = await grains.GetGrain<IDomainGrain>(normalized.ALabel).DeleteAsync(at);
        return outcome switch
        {
            DeleteOutcome.Deleted => Results.Ok(new { domain = normalized.ALabel, outcome = "deleted" }),
            DeleteOutcome.NotFound => RdapError.NotFound($"No registration for '{normalized.ALabel}'."),
            _ => RdapError.Result(StatusCodes.Status409Conflict, "Conflict", "The stored record is newer than this deletion (updatedDate)."),
        };
    }

    private static async Task<IResult> BulkImportAsync(HttpContext context, IngestionService ingestion, IOptions<AdminOptions> options, ILogger<BulkImportReport> logger)
    {
        var limits = options.Value;
        var request = context.Request;
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !NdjsonMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
            return RdapError.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", "Send the records as application/x-ndjson, one JSON record per line.");
        if (request.ContentLength > limits.MaxBulkBodyBytes)
            return BodyTooLarge(limits, null);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            sizeLimit.MaxRequestBodySize = limits.MaxBulkBodyBytes;

        var report = new BulkImportReport();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = limits.BulkParallelism, CancellationToken = context.RequestAborted };
        try
        {
            var lines = NdjsonLineReader.ReadAsync(request.BodyReader, limits.MaxRecordBytes, context.RequestAborted);
            await Parallel.ForEachAsync(lines, parallel, async (line, _) =>
            {
                if (line.Bytes is null)
                {
                    report.Fail(line.Number, null, line.Error!);
                    return;
                }
                try
                {
                    report.Count(line.Number, await ingestion.UpsertAsync(line.Bytes));
                }
                catch (Exception failure) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // One line's failure (a timeout, a cancelled activation, storage refusing) must not fail the others
                    // or the request. The record was not acknowledged; upserts are idempotent, so it can be resent.
                    logger.LogWarning("Bulk line {Line} not stored: {Failure}", line.Number, failure.GetType().Name);
                    report.Fail(line.Number, null, "Storage or cluster unavailable; not stored, resend this line.");
                }
            });
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return BodyTooLarge(limits, report);
        }
        logger.LogInformation("Bulk import finished: {@Report}", report.ToResponse());
        return Results.Ok(report.ToResponse());
    }

    private static IResult BodyTooLarge(AdminOptions limits, BulkImportReport? partial)
    {
        var description = $"A bulk request body may be at most {limits.MaxBulkBodyBytes} bytes; send large files in several requests (rds-tools import does).";
        if (partial is null)
            return RdapError.Result(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", description);
        // Complete lines read before the limit were processed; say which, so nothing is silently half-imported.
        var body = RdapError.Body(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", [description, "Lines before the limit were processed; see 'report'."]);
        body["report"] = System.Text.Json.JsonSerializer.SerializeToNode(partial.ToResponse(), System.Text.Json.JsonSerializerOptions.Web);
        return new RdapJsonResult(body, StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/>; never reads more than the limit plus one byte.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
