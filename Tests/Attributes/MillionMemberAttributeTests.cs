using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Rds.Attributes;
using Rds.Grains.Attributes;
using Rds.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rds.Tests.Attributes;

/// <summary>
/// The issue's scale: one attribute shared by 1,000,000 domains, indexed, counted, paged in full, stored within Azure
/// Table's limits and re-read after a restart. Changes go straight to the attribute grain in large batches, as a
/// bulk import's group commits would bring them (a million domain grains would take hours on Azurite). The silo's
/// shard options are the defaults: the layout must grow by itself.
/// </summary>
public sealed class MillionMemberAttributeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Members = 1_000_000;
    private const int BatchSize = 100_000;
    private const int PageSize = 10_000;

    // Azure Table's limits (learn.microsoft.com: "Understanding the Table service data model", "Performing entity
    // group transactions").
    private const int MaxEntityBytes = 1024 * 1024;
    private const int MaxPropertyBytes = 64 * 1024;
    private const int MaxBatchOperations = 100;
    private const int MaxBatchBytes = 4 * 1024 * 1024;

    private AzuriteStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await AzuriteStorage.StartAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task A_million_member_attribute_is_counted_paged_stored_within_limits_and_reread_after_a_restart()
    {
        var clock = Stopwatch.StartNew();
        var settings = TestCluster.SettingsFor(_storage);
        var batches = new BatchRecorder();
        void UseRecordedTable(ISiloBuilder silo)
        {
            var options = new TableClientOptions();
            options.AddPolicy(batches, HttpPipelinePosition.PerCall);
            silo.Services.AddSingleton<IAttributeIndexStore>(new AttributeIndexTable(new TableClient(settings.StorageConnectionString, settings.AttributeIndexTable, options)));
        }
        var value = new AttributeValue(AttributeKind.NameserverName, "ns1.million.example");
        var domains = Names(Members);
        var expected = domains.Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Members, expected.Distinct().Count());
        output.WriteLine($"{clock.Elapsed}: {Members:N0} names");

        var cluster = await TestCluster.StartAsync(settings, configure: UseRecordedTable);
        try
        {
            var grain = cluster.Client.GetGrain<IAttributeGrain>(AttributeKey.Of(value));
            foreach (var batch in domains.Chunk(BatchSize))
                await grain.ApplyAsync(value, [.. batch.Select(domain => new MembershipChange(domain, true))]);
            output.WriteLine($"{clock.Elapsed}: applied in {batches.Count} table batches");
            Assert.Equal(Members, await grain.CountAsync());
            Assert.Equal(expected, await ListAllAsync(grain));
            output.WriteLine($"{clock.Elapsed}: counted and paged");
        }
        finally
        {
            await cluster.DisposeAsync();
        }

        var rows = await RowsWithinLimitsAsync(new TableClient(settings.StorageConnectionString, settings.AttributeIndexTable));
        output.WriteLine($"{clock.Elapsed}: {rows} rows within limits; largest batch {batches.MaxOperations} operations, {batches.MaxBytes:N0} bytes");
        Assert.InRange(rows, 100, 2_000);
        Assert.InRange(batches.MaxOperations, 2, MaxBatchOperations);
        Assert.InRange(batches.MaxBytes, 1, MaxBatchBytes);

        cluster = await TestCluster.StartAsync(settings);
        try
        {
            var grain = cluster.Client.GetGrain<IAttributeGrain>(AttributeKey.Of(value));
            Assert.Equal(Members, await grain.CountAsync());
            Assert.Equal(expected, await ListAllAsync(grain));
            output.WriteLine($"{clock.Elapsed}: re-read after restart");
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    // Realistic A-labels of varied length, in a shuffled order so every batch lands all over the name space.
    private static string[] Names(int count)
    {
        var random = new Random(1_000_000);
        string[] words = ["secure", "login", "bank", "shop", "mail", "cloud", "host", "pay", "web", "app", "xn--bcher-kva", "data"];
        var names = new string[count];
        for (var i = 0; i < count; i++)
            names[i] = $"{words[random.Next(words.Length)]}{new string('a', random.Next(0, 12))}-{i:x}.{(i % 3 == 0 ? "example" : "test")}";
        random.Shuffle(names);
        return names;
    }

    private static async Task<string[]> ListAllAsync(IAttributeGrain grain)
    {
        var all = new List<string>(Members);
        string? after = null;
        do
        {
            var page = await grain.ListAsync(after, PageSize);
            all.AddRange(page.Domains);
            after = page.Next;
        } while (after is not null);
        return [.. all];
    }

    /// <summary>Every row of the index table, sized the way Azure Table counts an entity; returns how many there are.</summary>
    private static async Task<int> RowsWithinLimitsAsync(TableClient table)
    {
        var rows = 0;
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows++;
            long size = 4 + 2 * (row.PartitionKey.Length + row.RowKey.Length);
            foreach (var (name, property) in row.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
            {
                var bytes = property switch
                {
                    byte[] binary => binary.Length + 4,
                    BinaryData binary => binary.ToMemory().Length + 4,
                    string text => 2 * text.Length + 4,
                    long or double or DateTimeOffset => 8,
                    int => 4,
                    bool => 1,
                    Guid => 16,
                    _ => throw new InvalidOperationException($"Unexpected property {name} of type {property?.GetType()}"),
                };
                Assert.True(bytes - 4 <= MaxPropertyBytes, $"{row.RowKey}.{name} holds {bytes - 4} bytes");
                size += 8 + 2 * name.Length + bytes;
            }
            Assert.True(size <= MaxEntityBytes, $"{row.RowKey} is {size} bytes");
        }
        return rows;
    }

    /// <summary>Records the largest entity-group transaction the silo sends: its operations and its body.</summary>
    private sealed class BatchRecorder : HttpPipelineSynchronousPolicy
    {
        private static readonly byte[] OperationMarker = "Content-Type: application/http"u8.ToArray();

        public int Count;
        public int MaxOperations;
        public long MaxBytes;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (!message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) || message.Request.Content is not { } content)
                return;
            using var body = new MemoryStream();
            content.WriteTo(body, CancellationToken.None);
            var operations = 0;
            for (var span = body.GetBuffer().AsSpan(0, (int)body.Length); span.IndexOf(OperationMarker) is var at and >= 0; span = span[(at + 1)..])
                operations++;
            lock (this)
            {
                Count++;
                MaxOperations = Math.Max(MaxOperations, operations);
                MaxBytes = Math.Max(MaxBytes, body.Length);
            }
        }
    }
}
