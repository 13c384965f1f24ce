using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Rds.Tools.Import;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// Times the same records through the real ingestion path (the importer, the gateway's bulk endpoint, one domain grain
/// write each) and then through <see cref="RawTableLoader"/> into the same storage account.
/// </summary>
internal sealed class ImportBenchmark(HttpClient http, Uri gateway, string operatorKey, TableServiceClient storage, int rawConcurrency)
{
    /// <summary>Throws <see cref="ImportAbortedException"/> when the gateway refuses the import.</summary>
    public async Task<ImportBenchmarkResult> RunAsync(BenchmarkRecords records, CancellationToken cancellationToken)
    {
        // The importer's defaults (chunk size, requests in flight): the figure is what an operator gets.
        var importer = new BulkImporter(http, gateway, operatorKey, new BulkImportOptions());
        var report = new ImportReport();
        var stopwatch = Stopwatch.StartNew();
        using (var reader = new StringReader(string.Join('\n', records.Lines)))
        {
            await importer.ImportAsync(reader, report, cancellationToken);
        }

        var real = stopwatch.Elapsed;

        // A table of its own per run, so the baseline never finds rows to replace.
        var table = "benchraw" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var raw = await new RawTableLoader(storage, rawConcurrency).LoadAsync(table, records, cancellationToken);

        var count = records.Lines.Count;
        return new ImportBenchmarkResult(
            count,
            real.TotalSeconds,
            count / Math.Max(real.TotalSeconds, 1e-6),
            report.Stored,
            report.Failed,
            raw.TotalSeconds,
            count / Math.Max(raw.TotalSeconds, 1e-6),
            rawConcurrency);
    }
}
