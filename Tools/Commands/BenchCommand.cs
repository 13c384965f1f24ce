using System.CommandLine;
using System.Text.Json;
using Azure.Data.Tables;
using Npgsql;
using Rds.Attributes;
using Rds.Tools.Benchmarks;
using Rds.Pivots;
using Rds.Tools.Import;

namespace Rds.Tools.Commands;

/// <summary>
/// <c>bench import</c> and <c>bench lookup</c>: throughput against a running system, each with its baseline measured
/// in the same run on the same machine, so the ratio means more than either figure alone.
/// </summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create() => new("bench", "Measure import and lookup throughput against a running system, with baselines.")
    {
        CreateImport(),
        CreateLookup(),
        CreatePivot(),
        CreateIndexMemory(),
        CreateAvailability(),
    };

    private static Command CreateAvailability()
    {
        var file = FileOption();
        var gateway = GatewayOption.Create();
        var count = CountOption("Domain names to look up: those of the first N lines of the file (default: all).");
        var concurrency = PositiveOption("--concurrency", "Requests in flight at once.", 16);
        var duration = PositiveOption("--duration", "Seconds to run.", 90);
        var slow = PositiveOption("--slow-ms", "An answer slower than this counts as disturbed.", 1000);
        var killPid = new Option<int?>("--kill-pid") { Description = "A silo's process id, killed with SIGKILL part-way through the run." };
        var killAfter = PositiveOption("--kill-after", "Seconds into the run at which --kill-pid is killed.", 20);
        var output = new Option<FileInfo?>("--output") { Description = "JSON file to write the figures and the per-second timeline to." };
        var headers = RequestHeadersOption.Create();

        var command = new Command("availability", "Lookups for a fixed time with a silo killed part-way: how long the service is disturbed.")
        {
            file, gateway, count, concurrency, duration, slow, killPid, killAfter, output, headers,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var records = await BenchmarkRecords.LoadAsync(parseResult.GetRequiredValue(file), parseResult.GetValue(count), cancellationToken);
            if (records.Names.Count == 0)
            {
                await Console.Error.WriteLineAsync("The file names no domains to look up.");
                return ImportCommand.ExitAborted;
            }
            var benchmark = new AvailabilityBenchmark(
                parseResult.GetRequiredValue(gateway), parseResult.GetValue(concurrency), TimeSpan.FromSeconds(parseResult.GetValue(duration)),
                TimeSpan.FromMilliseconds(parseResult.GetValue(slow)), parseResult.GetValue(killPid), TimeSpan.FromSeconds(parseResult.GetValue(killAfter)),
                await RequestHeadersOption.ReadRequestorsAsync(parseResult.GetValue(headers), cancellationToken));
            var result = await benchmark.RunAsync(records.Names, cancellationToken);
            Console.Out.Write(result.Format());
            await WriteAsync(parseResult.GetValue(output), result, cancellationToken);
            return ImportCommand.ExitSuccess;
        });
        return command;
    }

    private static Command CreateIndexMemory()
    {
        var file = FileOption();
        var storage = new Option<string>("--storage") { Description = "Storage connection string for the in-process silo (an empty Azurite will do).", Required = true };
        var count = CountOption("Records whose edges to index: the first N lines of the file (default: all).");
        var output = new Option<FileInfo?>("--output") { Description = "JSON file to write the figures to." };

        var command = new Command("index-memory", "Managed heap per indexed domain–attribute edge, in a silo hosted in this process.")
        {
            file, storage, count, output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var records = await BenchmarkRecords.LoadAsync(parseResult.GetRequiredValue(file), parseResult.GetValue(count), cancellationToken);
            var graph = PivotGraph.From(records.Lines);
            var result = await new IndexMemoryBenchmark(parseResult.GetRequiredValue(storage)).RunAsync(graph, cancellationToken);
            Console.Out.WriteLine($"{result.Domains:N0} domains, {result.Attributes:N0} attributes, {result.Edges:N0} edges");
            Console.Out.WriteLine($"managed heap {result.HeapBeforeBytes:N0} -> {result.HeapAfterBytes:N0} bytes: {result.BytesPerEdge:N0} bytes per edge, {result.BytesPerAttribute:N0} per attribute");
            Console.Out.WriteLine($"{result.MembersOfOneAttribute:N0} members of one more attribute: {result.BytesPerMemberOfOneAttribute:N1} bytes per member");
            await WriteAsync(parseResult.GetValue(output), result, cancellationToken);
            return ImportCommand.ExitSuccess;
        });
        return command;
    }

    private static Command CreateImport()
    {
        var file = FileOption();
        var gateway = GatewayOption.Create();
        var storage = new Option<string>("--storage") { Description = "Storage connection string for the raw Azure.Data.Tables baseline (the one the silo uses).", Required = true };
        var operatorKey = new Option<string?>("--operator-key") { Description = $"Operator key for the admin API (default: ${ImportCommand.OperatorKeyVariable})." };
        var count = CountOption("Records to import: the first N lines of the file (default: all).");
        var concurrency = PositiveOption("--concurrency", "Raw baseline: 100-entity batches in flight at once.", 4);
        var output = new Option<FileInfo?>("--output") { Description = "JSON file to write the figures to." };

        var command = new Command("import", "Import records through the gateway, then the same rows straight into Azure Table storage.")
        {
            file, gateway, storage, operatorKey, count, concurrency, output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var key = parseResult.GetValue(operatorKey) ?? Environment.GetEnvironmentVariable(ImportCommand.OperatorKeyVariable);
            if (string.IsNullOrEmpty(key))
            {
                await Console.Error.WriteLineAsync($"No operator key: pass --operator-key or set {ImportCommand.OperatorKeyVariable}.");
                return ImportCommand.ExitAborted;
            }

            var records = await BenchmarkRecords.LoadAsync(parseResult.GetRequiredValue(file), parseResult.GetValue(count), cancellationToken);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            var benchmark = new ImportBenchmark(
                http, parseResult.GetRequiredValue(gateway), key, new TableServiceClient(parseResult.GetRequiredValue(storage)), parseResult.GetValue(concurrency));
            ImportBenchmarkResult result;
            try
            {
                result = await benchmark.RunAsync(records, cancellationToken);
            }
            catch (ImportAbortedException exception)
            {
                await Console.Error.WriteLineAsync($"Import aborted: {exception.Message}");
                return ImportCommand.ExitAborted;
            }

            Console.Out.Write(BenchmarkTable.FormatImport(result));
            if (result.Stored != result.Records)
            {
                // Records already stored come back "unchanged" and cost far less: the rate would not be an import rate.
                await Console.Error.WriteLineAsync($"warning: {result.Stored:N0} of {result.Records:N0} records were stored; import into empty storage for a meaningful figure.");
            }

            await WriteAsync(parseResult.GetValue(output), result, cancellationToken);
            return result.Failed > 0 ? ImportCommand.ExitSomeLinesFailed : ImportCommand.ExitSuccess;
        });
        return command;
    }

    private static Command CreateLookup()
    {
        var file = FileOption();
        var gateway = GatewayOption.Create();
        var count = CountOption("Domain names to look up: those of the first N lines of the file (default: all).");
        var concurrency = PositiveOption("--concurrency", "Requests in flight at once.", 32);
        var requests = PositiveOption("--requests", "Timed requests per target.", 20_000);
        var warmup = PositiveOption("--warmup", "Untimed requests per target before the timed ones.", 2_000);
        var output = new Option<FileInfo?>("--output") { Description = "JSON file to write the figures to." };
        var headers = RequestHeadersOption.Create();
        var ungoverned = new Option<int>("--ungoverned-rounds")
        {
            Description = "Also time the gateway's ungoverned benchmark path (Benchmark:UngovernedLookups=true), alternating with governed runs, this many rounds.",
        };
        ungoverned.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 20)
                result.AddError("--ungoverned-rounds must be between 0 and 20.");
        });

        var cpu = new Option<string?>("--cpu-pids")
        {
            Description = "Processes whose CPU time to report per request, as name=pid pairs: gateway=123,silo=456,azurite=789 (same names add up).",
        };

        var command = new Command("lookup", "RDAP domain lookups through the gateway, then against a fixed-body Kestrel endpoint.")
        {
            file, gateway, count, concurrency, requests, warmup, output, headers, ungoverned, cpu,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var records = await BenchmarkRecords.LoadAsync(parseResult.GetRequiredValue(file), parseResult.GetValue(count), cancellationToken);
            if (records.Names.Count == 0)
            {
                await Console.Error.WriteLineAsync("The file names no domains to look up.");
                return ImportCommand.ExitAborted;
            }

            var benchmark = new LookupBenchmark(
                parseResult.GetRequiredValue(gateway), parseResult.GetValue(concurrency), parseResult.GetValue(requests), parseResult.GetValue(warmup),
                await RequestHeadersOption.ReadRequestorsAsync(parseResult.GetValue(headers), cancellationToken), parseResult.GetValue(ungoverned),
                ProcessCpu.Parse(parseResult.GetValue(cpu)));
            var result = await benchmark.RunAsync(records.Names, cancellationToken);
            Console.Out.Write(BenchmarkTable.FormatLookup(result));
            await WriteAsync(parseResult.GetValue(output), result, cancellationToken);
            var errors = result.GovernedRounds.Concat(result.UngovernedRounds).Append(result.Gateway).Append(result.FixedBody).Sum(run => run.Errors);
            return errors > 0 ? ImportCommand.ExitSomeLinesFailed : ImportCommand.ExitSuccess;
        });
        return command;
    }

    private static Command CreatePivot()
    {
        var file = FileOption();
        var gateway = new Option<Uri?>("--gateway")
        {
            Description = "Base URL of the gateway holding the same records (default: the Orleans engine is skipped).",
            CustomParser = GatewayOption.Create().CustomParser,
        };
        var postgres = new Option<string?>("--postgres") { Description = "Npgsql connection string of a scratch database (default: the PostgreSQL engine is skipped)." };
        var count = CountOption("Records to use: the first N lines of the file, as imported (default: all).");
        var seeds = PositiveOption("--seeds", "Seed domains, drawn from the file's domains with a fixed random seed.", 20);
        var depth = PositiveOption("--depth", $"Attribute hops (at most {PivotRequest.MaxDepthLimit}).", 3);
        var maxDomains = PositiveOption("--max-domains", $"Domains to report at most, seeds included (at most {PivotRequest.MaxDomainsLimit:N0}).", PivotRequest.MaxDomainsLimit);
        var fanOutCap = PositiveOption("--fan-out-cap", $"Attributes shared by more domains are not expanded (at most {PivotRequest.MaxFanOutCap:N0}).", 500);
        var runs = PositiveOption("--runs", "Timed runs per engine after a cold one; the median is reported.", 5);
        var warmups = PositiveOption("--warmups", "Untimed runs per engine between the cold one and the timed ones, so that those see steady state (JIT tiers).", 5);
        var output = new Option<FileInfo?>("--output") { Description = "JSON file to write the figures to." };
        var headers = RequestHeadersOption.Create();

        var command = new Command("pivot", "A pivot over in-process dictionaries, then PostgreSQL and the gateway, with the same seeds and limits.")
        {
            file, gateway, postgres, count, seeds, depth, maxDomains, fanOutCap, runs, warmups, output, headers,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(depth) > PivotRequest.MaxDepthLimit
                || parseResult.GetValue(maxDomains) > PivotRequest.MaxDomainsLimit
                || parseResult.GetValue(fanOutCap) > PivotRequest.MaxFanOutCap)
            {
                await Console.Error.WriteLineAsync("--depth, --max-domains or --fan-out-cap is above what a pivot request accepts.");
                return ImportCommand.ExitAborted;
            }

            var records = await BenchmarkRecords.LoadAsync(parseResult.GetRequiredValue(file), parseResult.GetValue(count), cancellationToken);
            var graph = PivotGraph.From(records.Lines);
            var request = new PivotRequest
            {
                SeedDomains = [.. PivotBenchmark.PickSeeds([.. graph.DomainNames], parseResult.GetValue(seeds))],
                // The kinds a public request may follow.
                Follow = [AttributeKind.NameserverName, AttributeKind.NameserverIp, AttributeKind.RegistrantOrganization],
                MaxDepth = parseResult.GetValue(depth),
                MaxDomains = parseResult.GetValue(maxDomains),
                FanOutCap = parseResult.GetValue(fanOutCap),
            };

            await using var dataSource = parseResult.GetValue(postgres) is { } connectionString ? NpgsqlDataSource.Create(connectionString) : null;
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            RequestHeadersOption.ApplyTo(http.DefaultRequestHeaders, await RequestHeadersOption.ReadAsync(parseResult.GetValue(headers), cancellationToken));
            var gatewayClient = parseResult.GetValue(gateway) is { } uri ? new GatewayPivotClient(http, uri) : null;
            var benchmark = new PivotBenchmark(graph, records.Lines.Count, parseResult.GetValue(runs), parseResult.GetValue(warmups));
            var result = await benchmark.RunAsync(
                request, dataSource is null ? null : new PostgresPivotSource(dataSource), gatewayClient, cancellationToken);
            Console.Out.Write(BenchmarkTable.FormatPivot(result));
            await WriteAsync(parseResult.GetValue(output), result, cancellationToken);
            return result.Disagreements.Count > 0 || result.OrleansError is not null ? ImportCommand.ExitSomeLinesFailed : ImportCommand.ExitSuccess;
        });
        return command;
    }

    private static Option<FileInfo> FileOption()
    {
        var file = new Option<FileInfo>("--file") { Description = "NDJSON registry file (from rds-tools generate).", Required = true };
        file.AcceptExistingOnly();
        return file;
    }

    private static Option<long> CountOption(string description)
    {
        var count = new Option<long>("--count") { Description = description, DefaultValueFactory = _ => long.MaxValue };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
            {
                result.AddError("--count must be positive.");
            }
        });
        return count;
    }

    private static Option<int> PositiveOption(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                result.AddError($"{name} must be between 1 and 10,000,000.");
            }
        });
        return option;
    }

    private static async Task WriteAsync<T>(FileInfo? output, T result, CancellationToken cancellationToken)
    {
        if (output is null)
        {
            return;
        }

        await using var stream = output.Create();
        await JsonSerializer.SerializeAsync(stream, result, ResultJson, cancellationToken);
    }
}
