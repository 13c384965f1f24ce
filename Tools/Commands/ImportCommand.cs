using System.CommandLine;
using Rds.Tools.Import;

namespace Rds.Tools.Commands;

/// <summary><c>import</c>: streams an NDJSON registry file to the gateway's bulk endpoint and reports per-line failures.</summary>
internal static class ImportCommand
{
    public const int ExitSuccess = 0;
    public const int ExitSomeLinesFailed = 1;
    public const int ExitAborted = 2;

    /// <summary>Read when --operator-key is absent, so the key need not appear in shell history or the process list.</summary>
    public const string OperatorKeyVariable = "RDS_OPERATOR_KEY";

    public static Command Create()
    {
        var file = new Option<FileInfo>("--file") { Description = "NDJSON file, one registration record per line.", Required = true };
        var gateway = GatewayOption.Create();
        var operatorKey = new Option<string?>("--operator-key") { Description = $"Operator key for the admin API (default: ${OperatorKeyVariable})." };
        var batchLines = new Option<int>("--batch-lines") { Description = "Lines per request.", DefaultValueFactory = _ => BulkImportOptions.DefaultBatchLines };
        var parallelism = new Option<int>("--parallelism") { Description = "Requests in flight at once (1-4).", DefaultValueFactory = _ => 2 };
        file.AcceptExistingOnly();
        batchLines.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 1_000_000)
            {
                result.AddError("--batch-lines must be between 1 and 1,000,000.");
            }
        });
        parallelism.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 4)
            {
                result.AddError("--parallelism must be between 1 and 4.");
            }
        });

        var command = new Command("import", "Send an NDJSON registry file to the gateway's bulk import endpoint.") { file, gateway, operatorKey, batchLines, parallelism };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(file),
            parseResult.GetRequiredValue(gateway),
            parseResult.GetValue(operatorKey) ?? Environment.GetEnvironmentVariable(OperatorKeyVariable),
            new BulkImportOptions { BatchLines = parseResult.GetValue(batchLines), Parallelism = parseResult.GetValue(parallelism) },
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, Uri gateway, string? operatorKey, BulkImportOptions options, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(operatorKey))
        {
            await Console.Error.WriteLineAsync($"No operator key: pass --operator-key or set {OperatorKeyVariable}.");
            return ExitAborted;
        }

        // A 5,000-line chunk is thousands of grain writes: give it far longer than HttpClient's default 100 s.
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var progress = new ImportProgress(Console.Error, interactive: !Console.IsErrorRedirected, file.Length);
        var importer = new BulkImporter(http, gateway, operatorKey, options, progress);
        var report = new ImportReport();
        int exitCode;
        using (var reader = new StreamReader(file.FullName, new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan }))
        {
            try
            {
                await importer.ImportAsync(reader, report, cancellationToken);
                exitCode = report.Failed > 0 ? ExitSomeLinesFailed : ExitSuccess;
            }
            catch (ImportAbortedException exception)
            {
                progress.Complete();
                await Console.Error.WriteLineAsync($"Import aborted: {exception.Message}");
                exitCode = ExitAborted;
            }
        }

        if (exitCode != ExitAborted)
        {
            progress.Complete();
        }

        Console.Out.Write(ImportSummary.Format(file.Name, importer.Endpoint, report, progress.Elapsed, aborted: exitCode == ExitAborted));
        return exitCode;
    }
}
