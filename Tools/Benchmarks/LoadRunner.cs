using System.Diagnostics;
using HdrHistogram;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// Closed-loop GET load: a fixed number of workers, each sending its next request when the last answer is read in
/// full, over a fixed list of URLs taken round-robin. Worker <c>w</c> uses client <c>w mod clients</c> (one per
/// requestor). Latency is recorded in microseconds.
/// </summary>
internal sealed class LoadRunner(IReadOnlyList<HttpClient> clients, IReadOnlyList<Uri> urls, int concurrency, ProcessCpu? cpu = null)
{
    // One minute is far beyond any answer worth timing; slower answers are clamped, not dropped.
    private const long HighestMicroseconds = 60_000_000;

    /// <summary>Sends <paramref name="requests"/> requests and summarises them; non-2xx answers and transport errors count as errors.</summary>
    public async Task<LatencySummary> RunAsync(string target, int requests, CancellationToken cancellationToken)
    {
        var histogram = new LongConcurrentHistogram(1, HighestMicroseconds, 3);
        var next = -1;
        long errors = 0;
        var cpuBefore = (cpu ?? ProcessCpu.None).Read();
        var stopwatch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var http = clients[worker % clients.Count];
            int index;
            while ((index = Interlocked.Increment(ref next)) < requests)
            {
                var started = Stopwatch.GetTimestamp();
                if (!await GetAsync(http, urls[index % urls.Count], cancellationToken))
                {
                    Interlocked.Increment(ref errors);
                }

                var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
                histogram.RecordValue(Math.Clamp(micros, 1, HighestMicroseconds));
            }
        }, cancellationToken));
        await Task.WhenAll(workers);
        var elapsed = stopwatch.Elapsed;
        return LatencySummary.From(target, histogram, errors, elapsed) with
        {
            CpuMsPerRequest = ProcessCpu.PerRequest(cpuBefore, (cpu ?? ProcessCpu.None).Read(), requests),
        };
    }

    /// <summary>The body length of one answer, so the fixed-body baseline can send as many bytes.</summary>
    public async Task<int> BodyLengthAsync(Uri url, CancellationToken cancellationToken)
    {
        var body = await clients[0].GetByteArrayAsync(url, cancellationToken);
        return body.Length;
    }

    private static async Task<bool> GetAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
