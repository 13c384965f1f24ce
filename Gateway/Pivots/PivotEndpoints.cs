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
                var found = findings.Current;
                await WriteAsync(json, output, found, pseudonyms);
                grant.Audit.ResultCount += found.Domains.Length;
                if (output.CanGetUnflushedBytes && output.UnflushedBytes >= FlushBytes)
                    await output.FlushAsync(context.RequestAborted);
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

    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Hop = JsonEncodedText.Encode("hop");
    private static readonly JsonEncodedText Domain = JsonEncodedText.Encode("domain");
    private static readonly JsonEncodedText Via = JsonEncodedText.Encode("via");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText AttributeType = JsonEncodedText.Encode("attribute");
    private static readonly JsonEncodedText Count = JsonEncodedText.Encode("count");
    private static readonly JsonEncodedText OverCap = JsonEncodedText.Encode("overCap");
    private static readonly JsonEncodedText EndType = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    private static readonly Dictionary<AttributeKind, JsonEncodedText> KindNames =
        Enum.GetValues<AttributeKind>().ToDictionary(kind => kind, kind => JsonEncodedText.Encode(kind.ToString()));

    // Written property by property, names and a group's linking attribute encoded once, rather than serialised from
    // an object per line: a pivot answers tens of thousands of lines. The lines are the events of
    // PivotFindings.Events, in that order.
    private static async Task WriteAsync(Utf8JsonWriter json, PipeWriter output, PivotFindings found, PivotPseudonyms pseudonyms)
    {
        foreach (var met in found.Attributes)
        {
            var shown = await pseudonyms.DisguiseAsync(met.Value);
            json.WriteStartObject();
            json.WriteString(Type, AttributeType);
            json.WriteNumber(Hop, found.Hop);
            json.WriteString(Kind, KindNames[shown.Kind]);
            json.WriteString(Value, shown.Value);
            json.WriteNumber(Count, met.Count);
            json.WriteBoolean(OverCap, met.OverCap);
            json.WriteEndObject();
            EndLine(json, output);
        }
        if (found.Domains.Length > 0)
        {
            var via = found.Via is { } linking ? await pseudonyms.DisguiseAsync(linking) : (AttributeValue?)null;
            var viaValue = via is null ? default : JsonEncodedText.Encode(via.Value.Value, Json.Encoder);
            foreach (var domain in found.Domains)
            {
                json.WriteStartObject();
                json.WriteString(Type, Domain);
                json.WriteNumber(Hop, found.Hop);
                json.WriteString(Domain, domain);
                if (via is { } linkedBy)
                {
                    json.WriteStartObject(Via);
                    json.WriteString(Kind, KindNames[linkedBy.Kind]);
                    json.WriteString(Value, viaValue);
                    json.WriteEndObject();
                }
                json.WriteEndObject();
                EndLine(json, output);
            }
        }
        if (found.StopReason is { } reason)
        {
            json.WriteStartObject();
            json.WriteString(Type, EndType);
            json.WriteNumber(Hop, found.Hop);
            json.WriteString(Reason, reason);
            json.WriteEndObject();
            EndLine(json, output);
        }
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
