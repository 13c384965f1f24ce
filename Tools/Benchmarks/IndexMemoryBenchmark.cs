using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Rds.Attributes;
using Rds.Hosting;
using Rds.Silo.Hosting;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// Memory a silo spends per indexed domain–attribute edge: a silo in this process, wired like the real one (same
/// grains, same Azure Table storage), indexes every edge of a registry file straight into its attribute grains;
/// the managed heap after a full, compacting collection is read before and after, with nothing else running.
/// What it counts: attribute grain activations, their cached members and layouts, Orleans' per-activation
/// bookkeeping. What it does not: domain grains (the records), which exist with or without the index.
/// </summary>
internal sealed class IndexMemoryBenchmark(string storageConnectionString)
{
    public async Task<IndexMemoryResult> RunAsync(PivotGraph graph, CancellationToken cancellationToken)
    {
        var settings = new RdsClusterSettings
        {
            StorageConnectionString = storageConnectionString,
            TablePrefix = "mem" + DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ClusterId = "index-memory",
            ServiceId = "index-memory",
            // A silo does not start without one; this bench mints no pseudonyms.
            PseudonymMasterKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort()).AddRdsGrainStorage(settings));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var attributes = graph.AttributesByDomain
                .SelectMany(pair => pair.Value.Select(value => (value, domain: pair.Key)))
                .GroupBy(edge => edge.value, edge => edge.domain)
                .Select(group => (value: group.Key, domains: group.ToArray()))
                .ToArray();

            // Every code path once (JIT, Orleans' caches, the table clients), outside the measurement.
            var warmup = new AttributeValue(AttributeKind.NameserverName, "ns.warmup.invalid");
            await grains.GetGrain<IAttributeGrain>(AttributeKey.Of(warmup)).ApplyAsync(warmup, [new MembershipChange("warmup.invalid", true)]);

            var before = Heap();
            await Parallel.ForEachAsync(attributes, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (attribute, _) =>
            {
                var grain = grains.GetGrain<IAttributeGrain>(AttributeKey.Of(attribute.value));
                await grain.ApplyAsync(attribute.value, [.. attribute.domains.Select(domain => new MembershipChange(domain, true))]);
            });
            var after = Heap();
            // Still there: the grains were not collected during the measurement.
            var counted = await grains.GetGrain<IAttributeGrain>(AttributeKey.Of(attributes[0].value)).CountAsync();
            if (counted != attributes[0].domains.Length)
                throw new InvalidOperationException($"The index holds {counted} domains for {attributes[0].value}, not {attributes[0].domains.Length}.");

            // Then the cost of a member alone, without activations: every domain, under ten prefixes so that fixed costs
            // (pooled message buffers) fade, into one more attribute.
            var names = Enumerable.Range(0, 10).SelectMany(k => graph.DomainNames.Select(domain => $"x{k}.{domain}")).ToArray();
            var shared = new AttributeValue(AttributeKind.NameserverName, "ns.shared.invalid");
            var sharedGrain = grains.GetGrain<IAttributeGrain>(AttributeKey.Of(shared));
            await sharedGrain.ApplyAsync(shared, [new MembershipChange("activation.invalid", true)]);
            var beforeShared = Heap();
            foreach (var batch in names.Chunk(100_000))
                await sharedGrain.ApplyAsync(shared, [.. batch.Select(domain => new MembershipChange(domain, true))]);
            var afterShared = Heap();
            if (await sharedGrain.CountAsync() != names.Length + 1)
                throw new InvalidOperationException("The shared attribute does not hold every domain.");

            var edges = attributes.Sum(a => (long)a.domains.Length);
            return new IndexMemoryResult(graph.Domains, attributes.Length, edges, before, after,
                (after - before) / (double)edges, (after - before) / (double)attributes.Length,
                names.Length, (afterShared - beforeShared) / (double)names.Length);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
