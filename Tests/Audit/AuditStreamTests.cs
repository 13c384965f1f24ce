using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Streams;
using Rds.Audit;
using Rds.Gateway.Audit;
using Rds.Grains.Audit;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Audit;

/// <summary>
/// Audit records travel as stream events through Azure queues to the requestors' logs: delivery is at least once,
/// so a repeated record is stored once; a record too large for a queue message is appended directly.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditStreamTests(ClusterFixture fixture)
{
    private static string NewRequestorId() => "aus-" + Guid.NewGuid().ToString("N")[..12];

    private static AuditRecord Record(string requestorId, string requestId, IEnumerable<string>? domains = null) => new()
    {
        RequestId = requestId,
        RequestorId = requestorId,
        Query = "GET /rdap/domain/example.com",
        Decision = AuditDecision.Granted,
        Domains = [.. domains ?? []],
        ReceivedAt = DateTimeOffset.UtcNow,
        DecidedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public void Records_share_a_transaction_with_their_subject_rows_only_while_all_fit()
    {
        var lookup = Record("r", "lookup", ["a.example"]);
        var refused = Record("r", "refused", ["a.example"]) with { Decision = AuditDecision.Refused };
        var page = Record("r", "page", Enumerable.Range(0, 60).Select(i => $"d{i}.example"));

        // Three rows a lookup (record, id, subject): 33 in 100 operations, and never more than a batch of records.
        Assert.Equal(33, AuditTable.RecordsFittingWithSubjects(Enumerable.Repeat(lookup, 40)));
        Assert.Equal(AuditTable.MaxBatch, AuditTable.RecordsFittingWithSubjects(Enumerable.Repeat(refused, 80)));
        // A refused record disclosed nothing, so it has no subject row; the same domain twice is one row.
        Assert.Equal(1, AuditTable.RecordsFittingWithSubjects([page, page]));
        Assert.Equal(33, AuditTable.RecordsFittingWithSubjects(Enumerable.Repeat(Record("r", "twice", ["a.example", "a.example"]), 40)));
        Assert.Equal(1, AuditTable.RecordsFittingWithSubjects([Record("r", "full", Enumerable.Range(0, 98).Select(i => $"d{i}.example")), lookup]));
        Assert.Equal(0, AuditTable.RecordsFittingWithSubjects([Record("r", "wide", Enumerable.Range(0, 99).Select(i => $"d{i}.example")), lookup]));
    }

    private AuditPublisher NewPublisher() => new(fixture.Cluster.Client, fixture.Cluster.Client.ServiceProvider.GetRequiredService<IMeterFactory>());

    private IAsyncStream<AuditRecord> StreamOf(string requestorId) =>
        fixture.Cluster.Client.GetStreamProvider(AuditStreams.Provider).GetStream<AuditRecord>(StreamId.Create(AuditStreams.Namespace, requestorId));

    [Fact]
    public async Task Records_published_on_the_stream_reach_the_log_in_order_and_a_repeat_is_stored_once()
    {
        var id = NewRequestorId();
        var first = Record(id, "first");
        var second = Record(id, "second");

        await StreamOf(id).OnNextBatchAsync([first, second]);
        // The same event again, as a silo that died before acknowledging it would have it delivered.
        await StreamOf(id).OnNextAsync(first);
        await StreamOf(id).OnNextAsync(Record(id, "third"));

        await fixture.AuditRecordsAsync(id, 3);
        // A later event is delivered after the repeat: once it is in, a stored repeat would be too.
        await StreamOf(id).OnNextAsync(Record(id, "fourth"));

        var records = await fixture.AuditRecordsAsync(id, 4);
        Assert.Equal(["first", "second", "third", "fourth"], records.Select(r => r["record"]!["requestId"]!.GetValue<string>()));
        Assert.Equal(first.RecordId, records[0]["record"]!["recordId"]!.GetValue<string>());
        var verification = await fixture.Grains.GetGrain<IAuditLogGrain>(id).VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(4, verification.Records);
    }

    [Fact]
    public async Task A_sustained_stream_of_records_is_stored_in_full_and_promptly()
    {
        // A version that wrote the log's head from outside its flush left deliveries waiting forever under a steady
        // stream (seen after a lookup benchmark: 621 of 12,026 records); bursts of a few thousand did not show it.
        var id = NewRequestorId();
        var publisher = NewPublisher();
        var next = -1;
        const int total = 12_000;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
                await publisher.PublishAsync(Record(id, $"r{i}", [$"d{i % 50}.example"]));
        })));

        var log = fixture.Grains.GetGrain<IAuditLogGrain>(id);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await log.ReadAsync(new AuditQuery { After = total - 1, Limit = 1 })).IsEmpty && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        var verification = await log.VerifyAsync();
        Assert.Equal(total, verification.Records);
        Assert.True(verification.Intact, verification.Problem);
    }

    [Fact]
    public async Task A_record_the_log_cannot_chain_fails_alone_and_the_log_goes_on()
    {
        var id = NewRequestorId();
        var log = fixture.Grains.GetGrain<IAuditLogGrain>(id);
        // An uninitialised list of domains: nothing in the service sends one, so it stands for any fault in the flush.
        var broken = Record(id, "broken") with { Domains = default };

        var failing = log.AppendAsync(broken);
        await Assert.ThrowsAnyAsync<Exception>(() => failing.WaitAsync(TimeSpan.FromSeconds(10)));
        var stored = await log.AppendAsync(Record(id, "after")).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, stored);
        Assert.True((await log.VerifyAsync()).Intact);
    }

    [Fact]
    public async Task A_repeat_of_a_record_stored_long_before_gets_the_first_sequence_number()
    {
        var id = NewRequestorId();
        var log = fixture.Grains.GetGrain<IAuditLogGrain>(id);
        var record = Record(id, "once");

        var stored = await log.AppendAsync(record);
        await log.AppendAsync(Record(id, "between"));
        var again = await log.AppendAsync(record);

        Assert.Equal(stored, again);
        Assert.Equal(2, (await log.VerifyAsync()).Records);
    }

    [Fact]
    public async Task A_record_too_large_for_a_queue_message_is_appended_directly()
    {
        var id = NewRequestorId();
        var domains = Enumerable.Range(0, 400).Select(i => $"{new string('a', 90)}-{i}.example").ToArray();
        var large = Record(id, "large", domains);
        Assert.True(AuditStreams.SizeOf(large) > AuditStreams.MaxEventBytes);

        await NewPublisher().PublishAsync(large);

        // Appended before the publish returned: no waiting for a queue.
        var entries = await fixture.Grains.GetGrain<IAuditLogGrain>(id).ReadAsync(new AuditQuery());
        Assert.Equal(domains, Assert.Single(entries).Record.Domains);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(100, "")]
    [InlineData(50, "ﬀ漢字 justification with evidence ")]
    public void The_size_bound_is_never_below_the_serialized_size(int domains, string text)
    {
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Serializer>();
        var record = Record("aus-size", "request-" + text, Enumerable.Range(0, domains).Select(i => $"{text.Length}-{i}.{new string('x', 50)}.example")) with
        {
            Justification = string.Concat(Enumerable.Repeat(text, 20)),
            Evidence = [.. Enumerable.Range(0, 20).Select(i => $"https://evidence.example/{i}/{text}")],
            ElementsRequested = ["Registrant Email", "Tech Email"],
            Reason = text,
            CaseId = "CASE-1",
        };

        Assert.True(serializer.SerializeToArray(record).Length <= AuditStreams.SizeOf(record));
    }
}
