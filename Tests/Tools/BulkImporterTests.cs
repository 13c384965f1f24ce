using System.Net;
using Rds.Tools.Import;

namespace Rds.Tests.Tools;

public sealed class BulkImporterTests
{
    private const string OperatorKey = "op-key-that-must-not-leak";
    private static readonly Uri Gateway = new("http://gateway.test:5080/");

    [Fact]
    public async Task Sends_chunks_of_at_most_batch_lines_with_key_and_media_type_and_reports_file_lines()
    {
        // 12 records with a blank line after the 5th: file lines 1-5 and 7-13.
        var lines = Enumerable.Range(1, 12).Select(index => $"{{\"domainName\":\"d{index}.example\"}}").ToList();
        lines.Insert(5, string.Empty);
        var handler = new FakeGatewayHandler((request, _) => FakeGatewayHandler.Json(HttpStatusCode.OK, $$"""
            {"linesRead":{{request.Lines.Length}},"stored":{{request.Lines.Length - 1}},"unchanged":0,"stale":0,"conflicts":0,"failed":1,
             "errors":[{"line":2,"domain":{{request.Lines[1].Split(':')[1].TrimEnd('}')}},"error":"refused"}]}
            """));

        var report = await ImportAsync(handler, string.Join('\n', lines) + "\n", new BulkImportOptions { BatchLines = 5, Parallelism = 2 });

        var requests = handler.Requests.ToArray();
        Assert.Equal(3, requests.Length);
        Assert.All(requests, request =>
        {
            Assert.Equal(HttpMethod.Post, request.Method);
            Assert.Equal("http://gateway.test:5080/admin/domains/bulk", request.Uri.ToString());
            Assert.Equal($"Bearer {OperatorKey}", request.Authorization);
            Assert.Equal("application/x-ndjson", request.MediaType);
            Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(request.Body), request.ContentLength);
            Assert.EndsWith("\n", request.Body, StringComparison.Ordinal);
            Assert.InRange(request.Lines.Length, 1, 5);
        });
        Assert.Equal(12, requests.Sum(request => request.Lines.Length));
        Assert.Equal((12L, 9L, 3L), (report.LinesSent, report.Stored, report.Failed));

        // Second line of each chunk: file lines 2, 8 (chunk 6th..10th record = file lines 7-11) and 13.
        Assert.Equal([2L, 8L, 13L], report.FirstErrors.Select(error => error.FileLine!.Value));
        Assert.Equal("d2.example", report.FirstErrors[0].Domain);
    }

    [Fact]
    public async Task A_too_large_body_is_halved_until_it_fits_and_a_single_oversized_line_fails_alone()
    {
        const string hugeLine = "{\"domainName\":\"huge.example\",\"padding\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}";
        var text = string.Join('\n', ["{\"a\":1}", "{\"a\":2}", "{\"a\":3}", hugeLine, "{\"a\":5}", "{\"a\":6}"]) + "\n";
        var handler = new FakeGatewayHandler((request, _) => request.Lines.Length > 2 || request.Body.Contains("huge", StringComparison.Ordinal)
            ? FakeGatewayHandler.Json(HttpStatusCode.RequestEntityTooLarge, """{"errorCode":413,"title":"Payload Too Large","description":["at most 100 bytes"]}""")
            : FakeGatewayHandler.Json(HttpStatusCode.OK, $$"""{"linesRead":{{request.Lines.Length}},"stored":{{request.Lines.Length}},"unchanged":0,"stale":0,"conflicts":0,"failed":0,"errors":[]}"""));

        var report = await ImportAsync(handler, text, new BulkImportOptions { BatchLines = 6, Parallelism = 1 });

        Assert.Equal(5L, report.Stored);
        Assert.Equal(1L, report.Failed);
        Assert.Equal(4L, Assert.Single(report.FirstErrors).FileLine);
        var accepted = handler.Requests.Where(request => request.Lines.Length <= 2 && !request.Body.Contains("huge", StringComparison.Ordinal));
        Assert.Equal(["{\"a\":1}", "{\"a\":2}", "{\"a\":3}", "{\"a\":5}", "{\"a\":6}"], accepted.SelectMany(request => request.Lines).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_refused_operator_key_aborts_without_printing_the_key()
    {
        var handler = new FakeGatewayHandler((_, _) => FakeGatewayHandler.Json(HttpStatusCode.Unauthorized, """{"errorCode":401,"title":"Unauthorized","description":["bad operator key"]}"""));

        var exception = await Assert.ThrowsAsync<ImportAbortedException>(() => ImportAsync(handler, "{}\n{}\n", new BulkImportOptions { BatchLines = 1 }));

        Assert.Contains("401", exception.Message, StringComparison.Ordinal);
        Assert.Contains("bad operator key", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OperatorKey, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_server_error_is_retried_and_a_persistent_one_aborts()
    {
        var flaky = new FakeGatewayHandler((request, call) => call == 1
            ? FakeGatewayHandler.Json(HttpStatusCode.ServiceUnavailable, """{"errorCode":503,"title":"Unavailable","description":[]}""")
            : FakeGatewayHandler.Json(HttpStatusCode.OK, """{"linesRead":1,"stored":1,"unchanged":0,"stale":0,"conflicts":0,"failed":0,"errors":[]}"""));
        var report = await ImportAsync(flaky, "{}\n", new BulkImportOptions { MaxAttempts = 3 });
        Assert.Equal(1L, report.Stored);
        Assert.Equal(2, flaky.Requests.Count);

        var broken = new FakeGatewayHandler((_, _) => FakeGatewayHandler.Json(HttpStatusCode.InternalServerError, """{"errorCode":500,"title":"Internal","description":["grain call failed"]}"""));
        var exception = await Assert.ThrowsAsync<ImportAbortedException>(() => ImportAsync(broken, "{}\n", new BulkImportOptions { MaxAttempts = 3 }));
        Assert.Equal(3, broken.Requests.Count);
        Assert.Contains("grain call failed", exception.Message, StringComparison.Ordinal);
    }

    private static async Task<ImportReport> ImportAsync(FakeGatewayHandler handler, string text, BulkImportOptions options)
    {
        using var http = new HttpClient(handler);
        var importer = new BulkImporter(http, Gateway, OperatorKey, options with { RetryDelay = TimeSpan.Zero });
        return await importer.ImportAsync(new StringReader(text), new ImportReport(), CancellationToken.None);
    }
}
