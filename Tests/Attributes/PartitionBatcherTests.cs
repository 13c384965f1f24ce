using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Rds.Grains.Attributes;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Attributes;

/// <summary>Transactions for one partition submitted together go as few batches, and one that fails fails alone.</summary>
public sealed class PartitionBatcherTests : IAsyncLifetime
{
    private AzuriteStorage _storage = null!;
    private TableClient _table = null!;
    private readonly BatchCounter _batches = new();

    public async Task InitializeAsync()
    {
        _storage = await AzuriteStorage.StartAsync();
        var options = new TableClientOptions();
        options.AddPolicy(_batches, HttpPipelinePosition.PerCall);
        _table = new TableClient(_storage.ConnectionString, TestCluster.NewTablePrefix() + "batcher", options);
        await _table.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Concurrent_transactions_share_batches_and_a_refused_one_fails_alone()
    {
        var batcher = new PartitionBatcher(_table, TransactionLimits.Azure);
        var submitted = Enumerable.Range(0, 120).Select(i => batcher.SubmitAsync("p",
            [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"row{i:D3}")),
             new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"row{i:D3}-second"))], 1_000)).ToList();
        // One whose condition fails, in among the others: an update of a row that does not exist.
        var refused = batcher.SubmitAsync("p", [new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "absent"), new ETag("W/\"datetime'2020-01-01T00%3A00%3A00Z'\""))], 1_000);
        submitted.AddRange(Enumerable.Range(120, 30).Select(i => batcher.SubmitAsync("p",
            [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"row{i:D3}"))], 1_000)));

        var responses = await Task.WhenAll(submitted);
        var failure = await Assert.ThrowsAnyAsync<RequestFailedException>(() => refused);

        Assert.Equal(404, failure.Status);
        Assert.All(responses.Take(120), r => Assert.Equal(2, r.Count));
        Assert.All(responses.Skip(120), r => Assert.Single(r));
        var rows = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(select: ["RowKey"]))
            rows.Add(row.RowKey);
        Assert.Equal(270, rows.Count);
        Assert.DoesNotContain("absent", rows);
        // 150 transactions of at most 2 operations would be 150 batches alone; together they fit in a few of 100.
        Assert.InRange(_batches.Count, 4, 12);
    }

    private sealed class BatchCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => _count;

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
                Interlocked.Increment(ref _count);
        }
    }
}
