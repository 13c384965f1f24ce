using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization;
using Rds.Attributes;
using Rds.Audit;
using Rds.Disclosure;
using Rds.Gateway.Access;
using Rds.Gateway.Rdap;
using Rds.Pivots;

namespace Rds.Gateway.Pivots;

/// <summary><c>POST /pivots</c>: a multi-hop traversal, answered as NDJSON while it runs.</summary>
internal static class PivotEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Findings the cluster may send in one message when it has them at hand (Orleans' default is 100).</summary>
    private const int FindingsPerBatch = 1_000;

    /// <summary>Lines are sent at least every this many bytes, so a wide batch is not held in memory whole.</summary>
    private const int FlushBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 8,
    };

    public static void MapPivots(this IEndpointRouteBuilder app) => app.MapPost("/pivots", RunAsync).RequireDisclosureAccess();

    private static async Task RunAsync(HttpContext context, IGrainFactory grains, ILogger<PivotBody> logger)
    {
        PivotBody? body;
        try
        {
            if (context.Request.ContentLength > MaxBodyBytes)
            {
                await RdapError.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"A pivot request may be at most {MaxBodyBytes} bytes.");
                return;
            }
            body = await JsonSerializer.DeserializeAsync<PivotBody>(context.Request.Body, Json, context.RequestAborted);
        }
        catch (JsonException invalid)
        {
            await RdapError.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request", $"The body is not a pivot request: {invalid.Message.Split(" Path:")[0]}");
            return;
        }
        var grant = DisclosureGrant.Of(context);
        var disclosure = grant.Disclosure;
        grant.Audit.Query = $"POST /pivots {JsonSerializer.Serialize(body ?? new PivotBody(), Json)}";
        var pseudonyms = new PivotPseudonyms(grains, disclosure.Pseudonyms);
        var (resolved, unknown) = await pseudonyms.ResolveSeedsAsync(body ?? new PivotBody());
        if (unknown.Count > 0)
        {
            await grant.Audit.RecordAsync(AuditDecision.Granted, "answered 400: unknown pseudonyms");
            await RdapError.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request",
                [.. unknown.Select(p => $"seedAttributes: '{RdapEndpoints.Printable(p)}' is not a pseudonym handed out in case '{grant.Access.CaseId}' (pseudonyms start pivots only within their own case, while it is open).")]);
            return;
        }
        body = resolved;
        var (request, errors, forbidden) = PivotRequestParser.Parse(body ?? new PivotBody(), disclosure);
        if (errors.Count > 0)
        {
            await grant.Audit.RecordAsync(AuditDecision.Granted, "answered 400: " + string.Join(" ", errors));
            await RdapError.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request", [.. errors]);
            return;
        }
        if (forbidden.Count > 0)
        {
            await grant.Audit.RecordAsync(AuditDecision.Refused, "pivot over kinds not disclosed: " + string.Join(", ", forbidden));
            await RdapError.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                ["A pivot may follow only what this request discloses: ask for the elements (RDS-Elements) your accreditation allows; this request may follow "
                    + string.Join(", ", Enum.GetValues<AttributeKind>().Where(disclosure.Discloses)) + ".", .. forbidden]);
            return;
        }

        // The domains a pivot may report come out of the day's record quota; a pivot is cut to what is left.
        var (budget, overQuota) = await grant.ReserveAsync(request!.MaxDomains, pivot: true);
        if (overQuota is not null)
        {
            await overQuota.ExecuteAsync(context);
            return;
        }
        request = request with { MaxDomains = budget };
        // Recorded before the first line leaves; the filter records the end with the number of domains sent.
        await grant.Audit.RecordAsync(AuditDecision.Granted, "pivot started", final: false);
        context.Response.ContentType = "application/x-ndjson";
        await context.Response.StartAsync(context.RequestAborted);
        var pivot = grains.GetGrain<IPivotGrain>(Guid.NewGuid());
        var output = context.Response.BodyWriter;
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = Json.Encoder });
        try
        {
            // A client that goes away cancels the enumeration, which stops the traversal in the cluster.
            await using var findings = pivot.RunAsync(request!, context.RequestAborted).WithBatchSize(FindingsPerBatch).GetAsyncEnumerator(context.RequestAborted);
            while (true)
            {
                // Lines are sent when the next findings are not at hand (the cluster is still working on them), not
                // one write per line: a batch of findings from the cluster becomes one write to the client.
                var next = findings.MoveNextAsync();
                if (!next.IsCompleted)
                    await output.FlushAsync(context.RequestAborted);
                if (!await next)
                    break;
                foreach (var found in findings.Current.Events())
                {
                    var shown = await pseudonyms.DisguiseAsync(found);
                    if (shown.Kind == PivotEventKind.Domain)
                        grant.Audit.ResultCount++;
                    WriteLine(json, output, shown);
                    if (output.CanGetUnflushedBytes && output.UnflushedBytes >= FlushBytes)
                        await output.FlushAsync(context.RequestAborted);
                }
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            logger.LogInformation("Pivot stopped: the client went away");
        }
        catch (Exception failure) when (failure is TimeoutException or OrleansException)
        {
            // The status line is sent; the stream says how it ended.
            logger.LogWarning("Pivot failed: {Failure}", failure.Message);
            WriteError(json, output, "The cluster stopped answering; results are incomplete.");
        }
        if (!context.RequestAborted.IsCancellationRequested)
            await output.FlushAsync(CancellationToken.None);
    }

    // Written property by property rather than serialised from an object per line: a pivot answers thousands of lines.
    private static void WriteLine(Utf8JsonWriter json, PipeWriter output, PivotEvent found)
    {
        json.WriteStartObject();
        switch (found.Kind)
        {
            case PivotEventKind.Domain:
                json.WriteString("type", "domain");
                json.WriteNumber("hop", found.Hop);
                json.WriteString("domain", found.Domain);
                if (found.Attribute is { } via)
                {
                    json.WriteStartObject("via");
                    json.WriteString("kind", via.Kind.ToString());
                    json.WriteString("value", via.Value);
                    json.WriteEndObject();
                }
                break;
            case PivotEventKind.Attribute:
                json.WriteString("type", "attribute");
                json.WriteNumber("hop", found.Hop);
                json.WriteString("kind", found.Attribute!.Value.Kind.ToString());
                json.WriteString("value", found.Attribute.Value.Value);
                if (found.Count is { } count)
                    json.WriteNumber("count", count);
                json.WriteBoolean("overCap", found.OverCap);
                break;
            default:
                json.WriteString("type", "end");
                json.WriteNumber("hop", found.Hop);
                if (found.StopReason is { } reason)
                    json.WriteString("reason", reason);
                break;
        }
        json.WriteEndObject();
        EndLine(json, output);
    }

    private static void WriteError(Utf8JsonWriter json, PipeWriter output, string message)
    {
        json.WriteStartObject();
        json.WriteString("type", "error");
        json.WriteString("message", message);
        json.WriteEndObject();
        EndLine(json, output);
    }

    private static void EndLine(Utf8JsonWriter json, PipeWriter output)
    {
        json.Flush();
        json.Reset();
        output.Write("\n"u8);
    }
}
