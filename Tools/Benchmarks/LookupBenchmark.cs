namespace Rds.Tools.Benchmarks;

/// <summary>
/// Times RDAP domain lookups through the gateway, then the same request count and concurrency against a
/// <see cref="FixedBodyServer"/> answering with as many bytes as a typical lookup. Each target gets a warm-up first.
/// With <paramref name="ungovernedRounds"/> &gt; 0 the gateway's benchmark-only ungoverned path (the same lookup with no
/// authentication, quota or audit) is timed too, alternating with governed runs round by round, so both see the
/// same machine: the price of governance.
/// </summary>
/// <param name="requestors">Each requestor's credential and statement, sent to the gateway only (the fixed-body server
/// takes none); the workers are shared out among them, each always asking as the same one.</param>
internal sealed class LookupBenchmark(Uri gateway, int concurrency, int requests, int warmup, IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> requestors,
    int ungovernedRounds = 0, ProcessCpu? cpu = null)
{
    public async Task<LookupBenchmarkResult> RunAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        // A fixed shuffle: lookups do not walk the grains in import order, and reruns ask the same sequence.
        var shuffled = names.ToArray();
        new Random(42).Shuffle(shuffled);
        var root = gateway.AbsoluteUri.TrimEnd('/');
        var gatewayUrls = shuffled.Select(name => new Uri($"{root}/rdap/domain/{name}")).ToArray();

        var gatewayClients = requestors.Select(headers =>
        {
            var client = CreateClient();
            Commands.RequestHeadersOption.ApplyTo(client.DefaultRequestHeaders, headers);
            return client;
        }).ToArray();
        using var disposeClients = new CompositeDisposable(gatewayClients);
        var gatewayRunner = new LoadRunner(gatewayClients, gatewayUrls, concurrency, cpu);
        var bodyBytes = await TypicalBodyLengthAsync(gatewayRunner, gatewayUrls, cancellationToken);
        await gatewayRunner.RunAsync("warm-up", warmup, cancellationToken);
        var gatewaySummary = await gatewayRunner.RunAsync("gateway GET /rdap/domain", requests, cancellationToken);
        var (governed, ungoverned) = await GovernanceRoundsAsync(root, shuffled, gatewayRunner, gatewaySummary, cancellationToken);

        await using var server = await FixedBodyServer.StartAsync(bodyBytes, cancellationToken);
        var fixedRoot = server.BaseAddress.AbsoluteUri.TrimEnd('/');
        var fixedUrls = shuffled.Select(name => new Uri($"{fixedRoot}/rdap/domain/{name}")).ToArray();
        using var fixedHttp = CreateClient();
        var fixedRunner = new LoadRunner([fixedHttp], fixedUrls, concurrency);
        await fixedRunner.RunAsync("warm-up", warmup, cancellationToken);
        var fixedSummary = await fixedRunner.RunAsync("fixed-body Kestrel", requests, cancellationToken);

        return new LookupBenchmarkResult(concurrency, bodyBytes, gatewaySummary, fixedSummary)
        {
            Requestors = requestors.Count,
            GovernedRequests = BodyLengthProbes + (long)warmup + (governed.Count > 0 ? governed.Sum(run => run.Requests) : gatewaySummary.Requests),
            GovernedRounds = governed,
            UngovernedRounds = ungoverned,
        };
    }

    // Round 1's governed run is the one just timed; every later round times governed then ungoverned again.
    private async Task<(List<LatencySummary> Governed, List<LatencySummary> Ungoverned)> GovernanceRoundsAsync(string root, string[] names,
        LoadRunner governedRunner, LatencySummary first, CancellationToken cancellationToken)
    {
        List<LatencySummary> governed = [], ungoverned = [];
        if (ungovernedRounds == 0)
            return (governed, ungoverned);
        using var anonymous = CreateClient();
        var ungovernedRunner = new LoadRunner([anonymous], names.Select(name => new Uri($"{root}/bench/ungoverned/domain/{name}")).ToArray(), concurrency, cpu);
        await ungovernedRunner.RunAsync("warm-up", warmup, cancellationToken);
        governed.Add(first);
        for (var round = 1; round <= ungovernedRounds; round++)
        {
            if (round > 1)
                governed.Add(await governedRunner.RunAsync($"governed, round {round}", requests, cancellationToken));
            ungoverned.Add(await ungovernedRunner.RunAsync($"ungoverned, round {round}", requests, cancellationToken));
        }
        return (governed, ungoverned);
    }

    private const int BodyLengthProbes = 25;

    /// <summary>The median body length of a few answers: records differ in contacts and nameservers.</summary>
    private static async Task<int> TypicalBodyLengthAsync(LoadRunner runner, IReadOnlyList<Uri> urls, CancellationToken cancellationToken)
    {
        var lengths = new List<int>();
        foreach (var url in urls.Take(BodyLengthProbes))
        {
            lengths.Add(await runner.BodyLengthAsync(url, cancellationToken));
        }

        lengths.Sort();
        return lengths[lengths.Count / 2];
    }

    private sealed class CompositeDisposable(IEnumerable<IDisposable> parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts)
                part.Dispose();
        }
    }

    // One connection per worker, as many as the concurrency, so the client never queues for a connection.
    private HttpClient CreateClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };
}
