namespace Rds.Tools.Import;

/// <summary>
/// Totals over all chunks of one import, and the first refused lines by file line number. Only a bounded
/// number of errors is kept, so a file where every line fails does not fill memory.
/// </summary>
internal sealed class ImportReport(int keptErrors = ImportReport.DefaultKeptErrors)
{
    public const int DefaultKeptErrors = 20;

    private readonly List<ImportedLineError> errors = [];

    public long Requests { get; private set; }

    public long LinesSent { get; private set; }

    public long LinesRead { get; private set; }

    public long Stored { get; private set; }

    public long Unchanged { get; private set; }

    public long Stale { get; private set; }

    public long Conflicts { get; private set; }

    public long Failed { get; private set; }

    /// <summary>The refused lines with the smallest file line numbers, in file order.</summary>
    public IReadOnlyList<ImportedLineError> FirstErrors
    {
        get
        {
            Trim();
            return errors;
        }
    }

    /// <summary>Adds one chunk's answer, translating its 1-based request line numbers to file line numbers.</summary>
    public void Add(NdjsonChunk chunk, BulkImportResponse response)
    {
        Requests++;
        LinesSent += chunk.Lines.Length;
        LinesRead += response.LinesRead;
        Stored += response.Stored;
        Unchanged += response.Unchanged;
        Stale += response.Stale;
        Conflicts += response.Conflicts;
        Failed += response.Failed;
        foreach (var error in response.Errors)
        {
            errors.Add(new ImportedLineError(chunk.FileLineOf(error.Line), error.Domain, error.Error));
        }

        // Chunks may finish out of order (parallel requests): trim only now and then, keeping the smallest lines.
        if (errors.Count > keptErrors * 4)
        {
            Trim();
        }
    }

    private void Trim()
    {
        errors.Sort((left, right) => (left.FileLine ?? long.MaxValue).CompareTo(right.FileLine ?? long.MaxValue));
        if (errors.Count > keptErrors)
        {
            errors.RemoveRange(keptErrors, errors.Count - keptErrors);
        }
    }
}
