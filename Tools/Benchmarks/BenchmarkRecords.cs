using System.Text.Json;

namespace Rds.Tools.Benchmarks;

/// <summary>The first lines of an NDJSON registry file with their domain names, held in memory so reading the file is not timed.</summary>
internal sealed class BenchmarkRecords
{
    private BenchmarkRecords(IReadOnlyList<string> lines, IReadOnlyList<string> names)
    {
        Lines = lines;
        Names = names;
    }

    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<string> Names { get; }

    public static async Task<BenchmarkRecords> LoadAsync(FileInfo file, long count, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var names = new List<string>();
        using var reader = file.OpenText();
        while (lines.Count < count && await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var record = JsonDocument.Parse(line);
            lines.Add(line);
            names.Add(record.RootElement.GetProperty("domainName").GetString()
                ?? throw new InvalidDataException($"Line {lines.Count} of {file.Name} has no domainName."));
        }

        return new BenchmarkRecords(lines, names);
    }
}
