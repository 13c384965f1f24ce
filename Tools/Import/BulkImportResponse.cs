namespace Rds.Tools.Import;

/// <summary>The gateway's 200 answer to one <c>POST /admin/domains/bulk</c>; error lines are relative to the request body (1-based).</summary>
internal sealed record BulkImportResponse
{
    public long LinesRead { get; init; }

    public long Stored { get; init; }

    public long Unchanged { get; init; }

    public long Stale { get; init; }

    public long Conflicts { get; init; }

    public long Failed { get; init; }

    public IReadOnlyList<BulkImportLineError> Errors { get; init; } = [];
}
