namespace Rds.Tests.Tools;

/// <summary>One request as the fake gateway saw it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? MediaType, long? ContentLength, string Body)
{
    public string[] Lines => Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
