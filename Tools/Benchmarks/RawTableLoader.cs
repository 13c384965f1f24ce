using System.Diagnostics;
using Azure.Data.Tables;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// The import baseline: the same records written straight to a fresh table with Azure.Data.Tables, the best case
/// for storage alone — 100-entity transactions (the service's limit) within a partition, a few in flight at once.
/// </summary>
internal sealed class RawTableLoader(TableServiceClient service, int concurrency)
{
    public const int BatchSize = 100;

    // Enough partitions that parallel batches do not contend on one, few enough that each fills whole batches.
    private const int Partitions = 32;

    /// <summary>Writes all lines into a new table and returns the time taken, table creation excluded.</summary>
    public async Task<TimeSpan> LoadAsync(string tableName, BenchmarkRecords records, CancellationToken cancellationToken)
    {
        var table = service.GetTableClient(tableName);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var batches = Batches(records);
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (batch, token) => await table.SubmitTransactionAsync(batch, token));
        return stopwatch.Elapsed;
    }

    private static List<List<TableTransactionAction>> Batches(BenchmarkRecords records)
    {
        var byPartition = new List<TableEntity>[Partitions];
        for (var i = 0; i < records.Lines.Count; i++)
        {
            // A stable hash (string.GetHashCode is randomised per process) so reruns lay rows out alike.
            var partition = (int)(Fnv1a(records.Names[i]) % Partitions);
            (byPartition[partition] ??= []).Add(new TableEntity(partition.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), records.Names[i])
            {
                ["Record"] = records.Lines[i],
            });
        }

        return [.. byPartition
            .Where(entities => entities is not null)
            .SelectMany(entities => entities.Chunk(BatchSize))
            .Select(chunk => chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)).ToList())];
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
