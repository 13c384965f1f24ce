using System.Text.Json;
using System.Text.Json.Serialization;
using Rds.Gateway.Rdap;

namespace Rds.Gateway.Hosting;

/// <summary>
/// Reads a small JSON request body: bounded (413), JSON only (415), unknown members refused and malformed JSON
/// answered 400 with the parser's reason, so no endpoint half-reads a body it does not understand.
/// </summary>
internal static class JsonRequestBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 8,
    };

    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext context, int maxBytes) where T : class
    {
        if (context.Request.ContentLength > maxBytes)
            return (null, RdapError.Result(StatusCodes.Status413PayloadTooLarge, "Payload Too Large", $"The body may be at most {maxBytes} bytes."));
        if (!context.Request.HasJsonContentType())
            return (null, RdapError.Result(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type", "The body must be application/json."));
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted);
            return body is null ? (null, RdapError.BadRequest("The body is empty.")) : (body, null);
        }
        catch (JsonException invalid)
        {
            return (null, RdapError.BadRequest($"The body is not valid: {invalid.Message.Split(" Path:")[0]}"));
        }
    }
}
