using System.Diagnostics;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// How long a fault disturbs the service: closed-loop lookups through the gateway for a fixed time, with a silo
/// killed (SIGKILL) part-way. Every request is kept with its start and its latency, so the run tells when the first
/// and the last request that failed or was slow began, relative to the kill, and when the last of them ended.
/// </summary>
internal sealed class AvailabilityBenchmark(
    Uri gateway, int concurrency, TimeSpan duration, TimeSpan slow, int? killPid, TimeSpan killAfter,
    IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> requestors)
{
    public async Task<AvailabilityResult> RunAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var root = gateway.AbsoluteUri.TrimEnd('/');
        var urls = names.Select(name => new Uri($"{root}/rdap/domain/{name}")).ToArray();
        new Random(42).Shuffle(urls);
        var clients = requestors.Select(headers =>
        {
            // Longer than any server-side timeout: a request that hangs is measured, not abandoned by the client.
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false }) { Timeout = TimeSpan.FromMinutes(2) };
            Commands.RequestHeadersOption.ApplyTo(client.DefaultRequestHeaders, headers);
            return client;
        }).ToArray();

        var samples = new List<AvailabilitySample>();
        var clock = Stopwatch.StartNew();
        TimeSpan? killedAt = null;
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var http = clients[worker % clients.Length];
            while (clock.Elapsed < duration)
            {
                var url = urls[Interlocked.Increment(ref next) % urls.Length];
                var started = clock.Elapsed;
                int status;
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    status = (int)response.StatusCode;
                }
                catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                }
                lock (samples)
                    samples.Add(new AvailabilitySample(started, clock.Elapsed - started, status));
            }
        }, cancellationToken)).ToList();

        if (killPid is { } pid)
        {
            await Task.Delay(killAfter, cancellationToken);
            killedAt = clock.Elapsed;
            Process.GetProcessById(pid).Kill();
        }
        await Task.WhenAll(workers);
        foreach (var client in clients)
            client.Dispose();
        return AvailabilityResult.From(samples, killedAt, slow, concurrency, requestors.Count);
    }
}

internal readonly record struct AvailabilitySample(TimeSpan Started, TimeSpan Latency, int Status)
{
    public bool Ok => Status is >= 200 and < 300;
}
