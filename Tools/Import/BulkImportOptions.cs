namespace Rds.Tools.Import;

/// <summary>How the importer cuts and sends the file.</summary>
internal sealed record BulkImportOptions
{
    public const int DefaultBatchLines = 5000;

    /// <summary>Lines per request; the gateway limits one request body.</summary>
    public int BatchLines { get; init; } = DefaultBatchLines;

    /// <summary>Requests in flight at once; small, because each one already carries thousands of upserts.</summary>
    public int Parallelism { get; init; } = 2;

    /// <summary>Tries per request for transient failures (transport errors, 408, 429, 5xx).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>First wait before a retry; doubled on each further try.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
