using System.Collections.Concurrent;
using Rds.Domains;

namespace Rds.Gateway.Admin;

/// <summary>Counts of a bulk import and its per-line errors (the first <see cref="MaxErrors"/>, by line number). Thread-safe.</summary>
internal sealed class BulkImportReport
{
    public const int MaxErrors = 1000;

    private readonly ConcurrentBag<BulkImportError> _errors = [];
    private long _linesRead, _stored, _unchanged, _stale, _conflicts, _failed;

    public void Count(long line, IngestionResult result)
    {
        Interlocked.Increment(ref _linesRead);
        switch (result.Outcome)
        {
            case UpsertOutcome.Stored: Interlocked.Increment(ref _stored); break;
            case UpsertOutcome.Unchanged: Interlocked.Increment(ref _unchanged); break;
            case UpsertOutcome.Stale:
                Interlocked.Increment(ref _stale);
                AddError(line, result.DomainName, "Refused: the stored record or its deletion is newer (updatedDate).");
                break;
            case UpsertOutcome.Conflict:
                Interlocked.Increment(ref _conflicts);
                AddError(line, result.DomainName, "Refused: a different record with the same updatedDate is stored.");
                break;
            default:
                Interlocked.Increment(ref _failed);
                AddError(line, result.DomainName, string.Join(" ", result.Errors));
                break;
        }
    }

    public void Fail(long line, string? domainName, string error)
    {
        Interlocked.Increment(ref _linesRead);
        Interlocked.Increment(ref _failed);
        AddError(line, domainName, error);
    }

    public object ToResponse()
    {
        var errors = _errors.OrderBy(e => e.Line).Take(MaxErrors).ToArray();
        return new
        {
            linesRead = Interlocked.Read(ref _linesRead),
            stored = Interlocked.Read(ref _stored),
            unchanged = Interlocked.Read(ref _unchanged),
            stale = Interlocked.Read(ref _stale),
            conflicts = Interlocked.Read(ref _conflicts),
            failed = Interlocked.Read(ref _failed),
            errorsTruncated = _errors.Count > MaxErrors,
            errors,
        };
    }

    // Bounded so a file of bad lines cannot grow the report without limit; the counts stay exact.
    private void AddError(long line, string? domainName, string error)
    {
        if (_errors.Count <= MaxErrors * 2)
            _errors.Add(new BulkImportError(line, domainName, error));
    }
}
