using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Rds.Tools.Generation;

namespace Rds.Tools.Commands;

/// <summary><c>generate</c>: writes a deterministic synthetic registry as NDJSON, and optionally the planted campaigns.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generator; the same seed and count give byte-identical files.", Required = true };
        var count = new Option<long>("--count") { Description = "Number of domain records to write.", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "NDJSON file to write (one registration record per line).", Required = true };
        var truth = new Option<FileInfo?>("--truth") { Description = "Optional JSON file listing the planted abuse campaigns and their domains." };
        count.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0)
            {
                result.AddError("--count must not be negative.");
            }
        });

        var command = new Command("generate", "Write a deterministic synthetic registry as NDJSON.") { seed, count, output, truth };
        command.SetAction(parseResult => Run(
            parseResult.GetRequiredValue(seed),
            parseResult.GetRequiredValue(count),
            parseResult.GetRequiredValue(output),
            parseResult.GetValue(truth)));
        return command;
    }

    private static int Run(ulong seed, long count, FileInfo output, FileInfo? truth)
    {
        var registry = new SyntheticRegistry(seed, count);
        var stopwatch = Stopwatch.StartNew();
        long written;
        using (var stream = new FileStream(output.FullName, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            written = RegistryFileWriter.WriteRecords(registry, stream);
        }

        if (truth is not null)
        {
            using var stream = new FileStream(truth.FullName, FileMode.Create, FileAccess.Write, FileShare.None);
            RegistryFileWriter.WriteTruth(registry, stream);
        }

        var campaignDomains = registry.Campaigns.Sum(campaign => (long)campaign.Size);
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Wrote {written:N0} records to {output.FullName} in {stopwatch.Elapsed.TotalSeconds:F1} s; {registry.Campaigns.Length} planted campaigns with {campaignDomains:N0} domains."));
        return 0;
    }
}
