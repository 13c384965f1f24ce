using System.Text.Json.Nodes;

namespace Rds.Gateway.Rdap;

/// <summary>The one writer of RDAP error responses (RFC 9083 §6): errorCode, title, description, as application/rdap+json.</summary>
internal static class RdapError
{
    public static IResult Result(int status, string title, params string[] description) =>
        new RdapJsonResult(Body(status, title, description), status);

    public static IResult Result(int status, string title, TimeSpan retryAfter, params string[] description) =>
        new RdapJsonResult(Body(status, title, description), status, retryAfter);

    public static JsonObject Body(int status, string title, IEnumerable<string> description) => new()
    {
        ["rdapConformance"] = new JsonArray([.. RdapMedia.BaseConformance.Select(c => (JsonNode)c)]),
        ["errorCode"] = status,
        ["title"] = title,
        ["description"] = new JsonArray([.. description.Select(d => (JsonNode)d)]),
    };

    public static Task WriteAsync(HttpContext context, int status, string title, params string[] description) =>
        Result(status, title, description).ExecuteAsync(context);

    public static IResult BadRequest(params string[] description) => Result(StatusCodes.Status400BadRequest, "Bad Request", description);

    public static IResult NotFound(params string[] description) => Result(StatusCodes.Status404NotFound, "Not Found", description);

    /// <summary>The cluster or its storage did not answer; the client may retry.</summary>
    public static IResult Unavailable(string description) =>
        Result(StatusCodes.Status503ServiceUnavailable, "Service Unavailable", TimeSpan.FromSeconds(5), description);
}
