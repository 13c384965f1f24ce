using System.Diagnostics;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// CPU time of the processes behind a benchmark (gateway, silos, storage emulator), read before and after a run, so
/// a run reports what each one spent per request. A process that is gone or cannot be read is left out.
/// </summary>
internal sealed class ProcessCpu(IReadOnlyList<(string Name, int Pid)> processes)
{
    public static ProcessCpu None { get; } = new([]);

    /// <summary>Parses <c>name=pid</c> pairs, e.g. <c>gateway=123,silo=456,azurite=789</c>.</summary>
    public static ProcessCpu Parse(string? pairs) => new([.. (pairs ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(pair => pair.Split('=', 2))
        .Where(parts => parts.Length == 2 && int.TryParse(parts[1], out _))
        .Select(parts => (parts[0], int.Parse(parts[1])))]);

    public IReadOnlyDictionary<string, TimeSpan> Read()
    {
        var times = new Dictionary<string, TimeSpan>();
        foreach (var (name, pid) in processes)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                times[name] = times.GetValueOrDefault(name) + process.TotalProcessorTime;
            }
            catch (Exception failure) when (failure is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone or unreadable: not measured.
            }
        }
        return times;
    }

    /// <summary>Milliseconds of CPU per request of each process between two readings.</summary>
    public static IReadOnlyDictionary<string, double> PerRequest(IReadOnlyDictionary<string, TimeSpan> before, IReadOnlyDictionary<string, TimeSpan> after, long requests) =>
        after.Where(entry => before.ContainsKey(entry.Key))
            .ToDictionary(entry => entry.Key, entry => (entry.Value - before[entry.Key]).TotalMilliseconds / Math.Max(1, requests));
}
