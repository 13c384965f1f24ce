namespace Rds.Pivots;

/// <summary>One pivot traversal (key: a query id), streaming its findings as it goes.</summary>
[Alias("rds.IPivotGrain")]
public interface IPivotGrain : IGrainWithGuidKey
{
    /// <summary>Runs the traversal breadth-first with parallel fan-out; stops when the caller cancels.</summary>
    IAsyncEnumerable<PivotFindings> RunAsync(PivotRequest request, CancellationToken cancellationToken = default);
}
