using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Rds.Tools.Import;

/// <summary>
/// Sends an NDJSON file to <c>POST {gateway}/admin/domains/bulk</c> in chunks of at most
/// <see cref="BulkImportOptions.BatchLines"/> lines, a few requests in flight, and merges the answers into one
/// <see cref="ImportReport"/>. Resending a chunk is safe: the gateway orders upserts by updated date, so a
/// record already stored comes back as "unchanged".
/// </summary>
internal sealed class BulkImporter(HttpClient http, Uri gateway, string operatorKey, BulkImportOptions options, ImportProgress? progress = null)
{
    public const string BulkPath = "admin/domains/bulk";

    private static readonly JsonSerializerOptions ResponseJson = new(JsonSerializerDefaults.Web);

    private readonly Uri endpoint = new(new Uri(gateway.AbsoluteUri.TrimEnd('/') + "/"), BulkPath);

    public Uri Endpoint => endpoint;

    /// <summary>Imports everything the reader yields. Throws <see cref="ImportAbortedException"/> when the import cannot go on.</summary>
    public async Task<ImportReport> ImportAsync(TextReader reader, ImportReport report, CancellationToken cancellationToken)
    {
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new List<Task<IReadOnlyList<(NdjsonChunk Chunk, BulkImportResponse Response)>>>();
        try
        {
            await foreach (var chunk in NdjsonChunkReader.ReadAsync(reader, options.BatchLines, abort.Token))
            {
                if (inFlight.Count >= options.Parallelism)
                {
                    await CompleteOneAsync(inFlight, report);
                }

                inFlight.Add(SendAsync(chunk, abort.Token));
            }

            while (inFlight.Count > 0)
            {
                await CompleteOneAsync(inFlight, report);
            }
        }
        catch
        {
            // One fatal answer ends the import: stop the other request rather than leave it running unobserved.
            await abort.CancelAsync();
            await Task.WhenAll(inFlight).ContinueWith(static _ => { }, TaskScheduler.Default);
            throw;
        }

        return report;
    }

    private async Task CompleteOneAsync(List<Task<IReadOnlyList<(NdjsonChunk Chunk, BulkImportResponse Response)>>> inFlight, ImportReport report)
    {
        var finished = await Task.WhenAny(inFlight);
        inFlight.Remove(finished);
        foreach (var (chunk, response) in await finished)
        {
            report.Add(chunk, response);
            progress?.AddLinesAcknowledged(chunk.Lines.Length);
        }
    }

    private async Task<IReadOnlyList<(NdjsonChunk Chunk, BulkImportResponse Response)>> SendAsync(NdjsonChunk chunk, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new NdjsonChunkContent(chunk, bytes => progress?.AddBytesSent(bytes)),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (attempt < options.MaxAttempts)
                {
                    await WaitBeforeRetryAsync(attempt, cancellationToken);
                    continue;
                }

                throw new ImportAbortedException($"Could not send lines {Describe(chunk)} to {endpoint}: {exception.Message}", exception);
            }

            using (response)
            {
                switch (response.StatusCode)
                {
                    case HttpStatusCode.OK:
                        var body = await response.Content.ReadFromJsonAsync<BulkImportResponse>(ResponseJson, cancellationToken)
                            ?? throw new ImportAbortedException($"The gateway answered lines {Describe(chunk)} with an empty body.");
                        return [(chunk, body)];

                    case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                        throw new ImportAbortedException($"The gateway refused the operator key ({(int)response.StatusCode} {await DescribeErrorAsync(response, cancellationToken)}).");

                    case HttpStatusCode.RequestEntityTooLarge:
                        return await SendSmallerAsync(chunk, cancellationToken);

                    case HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError
                        when attempt < options.MaxAttempts:
                        await WaitBeforeRetryAsync(attempt, cancellationToken);
                        continue;

                    default:
                        throw new ImportAbortedException(
                            $"The gateway refused lines {Describe(chunk)} with {(int)response.StatusCode} {await DescribeErrorAsync(response, cancellationToken)}.");
                }
            }
        }
    }

    /// <summary>
    /// 413: the body exceeds the gateway's limit, so halve the chunk and send both halves; a single line that is
    /// still too large is reported as a failed line rather than ending the import.
    /// </summary>
    private async Task<IReadOnlyList<(NdjsonChunk Chunk, BulkImportResponse Response)>> SendSmallerAsync(NdjsonChunk chunk, CancellationToken cancellationToken)
    {
        if (chunk.Lines.Length == 1)
        {
            var tooLarge = new BulkImportResponse
            {
                LinesRead = 1,
                Failed = 1,
                Errors = [new BulkImportLineError(1, null, $"record of {chunk.ByteCount:N0} bytes is larger than the gateway accepts in one request (413)")],
            };
            return [(chunk, tooLarge)];
        }

        var (first, second) = chunk.Split();
        return [.. await SendAsync(first, cancellationToken), .. await SendAsync(second, cancellationToken)];
    }

    private Task WaitBeforeRetryAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(options.RetryDelay * (1 << (attempt - 1)), cancellationToken);

    private static string Describe(NdjsonChunk chunk) => $"{chunk.FileLineNumbers[0]}–{chunk.FileLineNumbers[^1]}";

    private static async Task<string> DescribeErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var error = JsonSerializer.Deserialize<RdapErrorResponse>(text, ResponseJson);
            if (error is not null && error.ToString().Length > 0)
            {
                return error.ToString();
            }
        }
        catch (JsonException)
        {
            // Not the RDAP error form (e.g. a proxy's HTML page): show the reason phrase instead.
        }

        return response.ReasonPhrase ?? string.Empty;
    }
}
