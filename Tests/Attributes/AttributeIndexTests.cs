using System.Collections.Immutable;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using InProcessTestCluster = Orleans.TestingHost.InProcessTestCluster;
using Rds.Attributes;
using Rds.Domains;
using Rds.Grains.Attributes;
using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Attributes;

/// <summary>The attribute index agrees with the domains: after random changes, concurrency, shard splits and failed index writes.</summary>
public sealed class AttributeIndexTests : IAsyncLifetime
{
    private const int ShardCapacity = 40;
    private AzuriteStorage _storage = null!;
    private InProcessTestCluster _cluster = null!;
    private readonly BatchCounter _batches = new();

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        _storage = await AzuriteStorage.StartAsync();
        var settings = TestCluster.SettingsFor(_storage);
        // A small shard capacity so that a few hundred members already split shards several times.
        _cluster = await TestCluster.StartAsync(settings, configure: silo =>
        {
            silo.Services.Configure<AttributeIndexOptions>(options => options.ShardCapacity = ShardCapacity);
            silo.AddIncomingGrainCallFilter<IndexFaults>();
            var tableOptions = new TableClientOptions();
            tableOptions.AddPolicy(_batches, HttpPipelinePosition.PerCall);
            silo.Services.AddSingleton<IAttributeIndexStore>(new AttributeIndexTable(new TableClient(settings.StorageConnectionString, settings.AttributeIndexTable, tableOptions)));
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task After_random_upserts_moves_and_deletes_every_attribute_lists_exactly_its_domains()
    {
        var random = new Random(20261204);
        var run = Guid.NewGuid().ToString("N")[..8];
        string[] nameservers = [.. Enumerable.Range(0, 4).Select(i => $"ns{i}.host-{run}.example")];
        string[] emails = [.. Enumerable.Range(0, 5).Select(i => $"owner{i}/x#{i}?@mail-{run}.example")];
        string[] domains = [.. Enumerable.Range(0, 60).Select(i => $"rand{i:D2}-{run}.example")];
        var final = new ConcurrentRecords();

        RegistrationRecord Random(string domain, int version) => SampleRecords.Full(domain, SampleRecords.Created.AddDays(version)) with
        {
            Nameservers = [.. nameservers.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).Select(n => new Nameserver { Name = n })],
            Registrant = new Contact { Email = emails[random.Next(emails.Length)], Organization = $"Org {random.Next(3)} {run}" },
            Tech = null,
        };
        // Plans are drawn up front so the seed alone decides them; domains then run concurrently.
        var plans = domains.Select(domain => (domain, ops: Enumerable.Range(1, random.Next(1, 6))
            .Select(version => random.Next(5) == 0 ? null : Random(domain, version)).ToArray())).ToArray();

        await Task.WhenAll(plans.Select(async plan =>
        {
            var grain = Grains.GetGrain<IDomainGrain>(plan.domain);
            for (var version = 0; version < plan.ops.Length; version++)
            {
                if (plan.ops[version] is { } record)
                    await grain.UpsertAsync(RegistrationNormalizer.Normalize(record).Record!);
                else
                    await grain.DeleteAsync(SampleRecords.Created.AddDays(version + 1).AddHours(1));
                final.Set(plan.domain, plan.ops[version]);
            }
        }));

        await AssertIndexMatchesAsync(final.Attributes(), [.. nameservers.Select(n => Value(AttributeKind.NameserverName, n))
            .Concat(emails.Select(e => Value(AttributeKind.RegistrantEmail, e)))
            .Concat(Enumerable.Range(0, 3).Select(i => Value(AttributeKind.RegistrantOrganization, $"Org {i} {run}")))]);
    }

    [Fact]
    public async Task Concurrent_upserts_sharing_one_attribute_leave_an_exact_count_across_shard_splits()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var shared = $"ns.hot-{run}.example";
        string[] domains = [.. Enumerable.Range(0, 300).Select(i => $"hot{i:D3}-{run}.example")];

        await Task.WhenAll(domains.Select(domain => Grains.GetGrain<IDomainGrain>(domain).UpsertAsync(
            RegistrationNormalizer.Normalize(SampleRecords.Full(domain) with { Nameservers = [new Nameserver { Name = shared }] }).Record!)));

        var attribute = Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(Value(AttributeKind.NameserverName, shared)));
        Assert.Equal(300, await attribute.CountAsync());
        Assert.Equal(domains.Order(StringComparer.Ordinal), await ListAllAsync(attribute, pageSize: 23));

        // Reloaded from storage alone, with several shards, the answer is the same.
        await _cluster.DeactivateAsync(attribute);
        await _cluster.WaitForDeactivationAsync(attribute);
        Assert.Equal(300, await attribute.CountAsync());
        Assert.Equal(domains.Order(StringComparer.Ordinal), await ListAllAsync(attribute, pageSize: 1000));

        await Task.WhenAll(domains.Where((_, i) => i % 2 == 0).Select(domain =>
            Grains.GetGrain<IDomainGrain>(domain).DeleteAsync(DateTimeOffset.UtcNow)));
        Assert.Equal(150, await attribute.CountAsync());
        Assert.Equal(domains.Where((_, i) => i % 2 == 1).Order(StringComparer.Ordinal), await ListAllAsync(attribute, pageSize: 37));
    }

    [Fact]
    public async Task Changes_arriving_together_are_committed_in_a_few_batches_not_one_each()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var value = Value(AttributeKind.NameserverName, $"ns.together-{run}.example");
        var grain = Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(value));
        string[] domains = [.. Enumerable.Range(0, 200).Select(i => $"together{i:D3}-{run}.example")];
        var before = _batches.Count;

        await Task.WhenAll(domains.Select(domain => grain.ApplyAsync(value, [new MembershipChange(domain, true)])));

        // The first call's flush goes alone; the 199 queued behind it go as one flush, one transaction (several
        // shards of 40 in it), and the tests of this class run one at a time.
        Assert.InRange(_batches.Count - before, 1, 6);
        Assert.Equal(200, await grain.CountAsync());
        Assert.Equal(domains, await ListAllAsync(grain, pageSize: 33));
    }

    [Fact]
    public async Task A_failed_index_write_is_repaired_when_the_domain_reactivates()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var domain = $"outbox-{run}.example";
        var before = $"ns.before-{run}.example";
        var after = $"ns.after-{run}.example";
        var grain = Grains.GetGrain<IDomainGrain>(domain);
        RegistrationRecord On(string nameserver, int day) =>
            RegistrationNormalizer.Normalize(SampleRecords.Full(domain, SampleRecords.Created.AddDays(day)) with { Nameservers = [new Nameserver { Name = nameserver }] }).Record!;
        await grain.UpsertAsync(On(before, 1));

        IndexFaults.FailingDomains[domain] = true;
        await Assert.ThrowsAnyAsync<Exception>(() => grain.UpsertAsync(On(after, 2)));
        var beforeIndex = Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(Value(AttributeKind.NameserverName, before)));
        var afterIndex = Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(Value(AttributeKind.NameserverName, after)));
        Assert.Equal([domain], await ListAllAsync(beforeIndex, 10));
        Assert.Empty(await ListAllAsync(afterIndex, 10));

        // As after a crash: the domain's activation ends with its index changes unapplied, then storage recovers.
        await _cluster.DeactivateAsync(grain);
        await _cluster.WaitForDeactivationAsync(grain);
        IndexFaults.FailingDomains.TryRemove(domain, out _);
        Assert.NotNull(await grain.LookupAsync(Rds.Disclosure.DisclosureRequest.Public));

        Assert.Empty(await ListAllAsync(beforeIndex, 10));
        Assert.Equal([domain], await ListAllAsync(afterIndex, 10));
    }

    [Fact]
    public async Task A_live_domain_whose_index_write_failed_repairs_it_by_itself()
    {
        // Seen when a silo was killed under load: the attribute grain was lost mid-call, the upsert was answered
        // 503, and the domain's activation, alive on another silo, kept its outbox until its next change.
        var run = Guid.NewGuid().ToString("N")[..8];
        var domain = $"self-repair-{run}.example";
        var nameserver = $"ns.self-repair-{run}.example";
        var record = RegistrationNormalizer.Normalize(SampleRecords.Full(domain) with { Nameservers = [new Nameserver { Name = nameserver }] }).Record!;
        var grain = Grains.GetGrain<IDomainGrain>(domain);

        IndexFaults.FailingDomains[domain] = true;
        await Assert.ThrowsAnyAsync<Exception>(() => grain.UpsertAsync(record));
        IndexFaults.FailingDomains.TryRemove(domain, out _);

        var index = Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(Value(AttributeKind.NameserverName, nameserver)));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await index.CountAsync() == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        Assert.Equal([domain], await ListAllAsync(index, 10));
    }

    [Fact]
    public async Task A_retried_upsert_repairs_the_index_without_a_reactivation()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var domain = $"retry-{run}.example";
        var email = $"a/b#c?d@retry-{run}.example";
        var record = RegistrationNormalizer.Normalize(SampleRecords.Full(domain) with { Registrant = new Contact { Email = email } }).Record!;
        var grain = Grains.GetGrain<IDomainGrain>(domain);

        IndexFaults.FailingDomains[domain] = true;
        await Assert.ThrowsAnyAsync<Exception>(() => grain.UpsertAsync(record));
        IndexFaults.FailingDomains.TryRemove(domain, out _);

        Assert.Equal(UpsertOutcome.Unchanged, await grain.UpsertAsync(record));
        var index = Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(Value(AttributeKind.RegistrantEmail, email)));
        Assert.Equal([domain], await ListAllAsync(index, 10));
        // The look-alike key of a lossy encoding stays empty.
        var lookalike = Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(Value(AttributeKind.RegistrantEmail, $"a_b_c_d@retry-{run}.example")));
        Assert.Equal(0, await lookalike.CountAsync());
    }

    private async Task AssertIndexMatchesAsync(IReadOnlyDictionary<AttributeValue, ImmutableSortedSet<string>> expected, AttributeValue[] universe)
    {
        foreach (var value in universe)
        {
            var grain = Grains.GetGrain<IAttributeGrain>(AttributeKey.Of(value));
            var want = expected.TryGetValue(value, out var members) ? members.ToArray() : [];
            Assert.Equal(want, await ListAllAsync(grain, pageSize: 7));
            Assert.Equal(want.Length, await grain.CountAsync());
        }
    }

    private static async Task<string[]> ListAllAsync(IAttributeGrain grain, int pageSize)
    {
        var all = new List<string>();
        string? after = null;
        do
        {
            var page = await grain.ListAsync(after, pageSize);
            all.AddRange(page.Domains);
            after = page.Next;
        } while (after is not null);
        return [.. all];
    }

    private static AttributeValue Value(AttributeKind kind, string raw) =>
        AttributeNormalizer.TryNormalize(kind, raw, out var value, out var error) ? value : throw new ArgumentException(error);

    private sealed class BatchCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
                Interlocked.Increment(ref _count);
        }
    }

    /// <summary>The test's own model: each domain's final record (null when deleted).</summary>
    private sealed class ConcurrentRecords
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RegistrationRecord?> _records = new();

        public void Set(string domain, RegistrationRecord? record) => _records[domain] = record;

        public IReadOnlyDictionary<AttributeValue, ImmutableSortedSet<string>> Attributes() => _records
            .Where(pair => pair.Value is not null)
            .SelectMany(pair => RecordAttributes.Of(RegistrationNormalizer.Normalize(pair.Value!).Record).Select(value => (value, domain: pair.Key)))
            .GroupBy(entry => entry.value)
            .ToDictionary(group => group.Key, group => group.Select(entry => entry.domain).ToImmutableSortedSet(StringComparer.Ordinal));
    }
}
