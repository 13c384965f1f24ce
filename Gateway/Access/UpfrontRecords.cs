namespace Rds.Gateway.Access;

/// <summary>
/// Endpoint metadata: how many records the access decision should reserve at once, so that a lookup or a search
/// page costs one call to the requestor's grain rather than two. A pivot reserves once it has read its body.
/// </summary>
internal sealed record UpfrontRecords(int Records, bool SearchPage = false)
{
    /// <summary>A page of search results: the configured page size.</summary>
    public static UpfrontRecords Page { get; } = new(0, SearchPage: true);
}
