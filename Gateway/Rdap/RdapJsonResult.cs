using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rds.Gateway.Rdap;

/// <summary>
/// Writes an RDAP JSON body with its media type. HEAD gets the same status and headers, Content-Length included,
/// without the body (RFC 7480 §4.1, RFC 9110 §9.3.2).
/// </summary>
internal sealed class RdapJsonResult(JsonNode body, int status = StatusCodes.Status200OK, TimeSpan? retryAfter = null) : IResult
{
    // Served as application/rdap+json, never embedded in HTML: "+", "'" and non-ASCII letters stay readable.
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonNode Body => body;

    public int StatusCode => status;

    public async Task ExecuteAsync(HttpContext context)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Compact);
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = RdapMedia.ContentType;
        response.ContentLength = bytes.Length;
        if (retryAfter is { } delay)
            response.Headers.RetryAfter = ((int)Math.Ceiling(delay.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!HttpMethods.IsHead(context.Request.Method))
            await response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
