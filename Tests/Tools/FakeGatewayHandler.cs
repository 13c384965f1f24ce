using System.Collections.Concurrent;
using System.Net;

namespace Rds.Tests.Tools;

/// <summary>Stands in for the gateway: records each bulk request (reading its streamed body) and answers with the given function.</summary>
internal sealed class FakeGatewayHandler(Func<RecordedRequest, int, HttpResponseMessage> answer) : HttpMessageHandler
{
    private int calls;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content.Headers.ContentType?.MediaType,
            request.Content.Headers.ContentLength,
            body);
        Requests.Enqueue(recorded);
        return answer(recorded, Interlocked.Increment(ref calls));
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
}
