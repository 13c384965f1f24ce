namespace Rds.Hosting;

/// <summary>
/// The id of the HTTP request a grain call serves, carried in Orleans' RequestContext from the gateway into every
/// grain the request reaches, so one id ties together the gateway's log, the silos' logs and the audit record.
/// </summary>
public static class RequestIds
{
    public const string ContextKey = "rds.request";
    public const string Header = "X-Request-Id";

    public static string? Current => Orleans.Runtime.RequestContext.Get(ContextKey) as string;

    /// <summary>A caller's id is kept when it is short and plain (it goes into logs); otherwise a new one is made.</summary>
    public static string Accept(string? offered) =>
        offered is { Length: > 0 and <= 64 } id && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? id
            : Guid.NewGuid().ToString("N");
}
