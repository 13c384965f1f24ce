using System.Collections.Immutable;
using Azure.Data.Tables;
using Rds.Audit;
using Rds.Disclosure;
using Rds.Grains.Audit;
using Rds.Hosting;
using Rds.Requestors;
using Rds.Tests.Infrastructure;
using InProcessTestCluster = Orleans.TestingHost.InProcessTestCluster;

namespace Rds.Tests.Audit;

/// <summary>
/// Audit records go when their own retention ends and the chain stays verifiable; a case's key and data go when the
/// case's retention ends; both passes are scheduled by reminders, so they run for idle requestors too.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private static readonly int AuditRetentionDays = new AuditRetentionOptions().RetentionDays;
    private AzuriteStorage _storage = null!;
    private RdsClusterSettings _settings = null!;
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        _storage = await AzuriteStorage.StartAsync();
        _settings = TestCluster.SettingsFor(_storage);
        _cluster = await TestCluster.StartAsync(_settings);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _storage.DisposeAsync();
    }

    private static AuditRecord Record(string requestorId, string requestId, string domain, int daysAgo) => new()
    {
        RequestId = requestId,
        RequestorId = requestorId,
        Query = $"GET /rdap/domain/{domain}",
        Decision = AuditDecision.Granted,
        ResultCount = 1,
        Domains = [domain],
        ReceivedAt = DateTimeOffset.UtcNow.AddDays(-daysAgo),
        DecidedAt = DateTimeOffset.UtcNow.AddDays(-daysAgo),
    };

    private async Task<string[]> ReminderNamesAsync(string grainKeyPart)
    {
        var table = new TableClient(_storage.ConnectionString, _settings.ReminderTable);
        var names = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>())
            if ((row.GetString("GrainReference") ?? row.RowKey).Contains(grainKeyPart))
                names.Add(row.GetString("ReminderName") ?? row.RowKey);
        return [.. names];
    }

    [Fact]
    public async Task Records_past_the_audit_retention_are_deleted_and_the_rest_still_verifies()
    {
        var id = "ret-" + Guid.NewGuid().ToString("N")[..12];
        var log = Grains.GetGrain<IAuditLogGrain>(id);
        var oldDomain = $"old-{id}.example";
        for (var i = 0; i < 3; i++)
            await log.AppendAsync(Record(id, $"old-{i}", oldDomain, daysAgo: AuditRetentionDays + 1));
        for (var i = 0; i < 2; i++)
            await log.AppendAsync(Record(id, $"recent-{i}", $"recent-{id}.example", daysAgo: AuditRetentionDays - 1));
        await WaitForSubjectIndexAsync(oldDomain);
        Assert.Contains("audit-retention", await ReminderNamesAsync(id));

        var purged = await log.PurgeExpiredAsync();
        var again = await log.PurgeExpiredAsync();

        Assert.Equal(3, purged);
        Assert.Equal(0, again);
        var kept = await log.ReadAsync(new AuditQuery());
        Assert.Equal(["recent-0", "recent-1"], kept.Select(entry => entry.Record.RequestId));
        Assert.Empty(await Grains.GetGrain<IAccessReportGrain>(0).DisclosuresOfDomainAsync(oldDomain));
        var verification = await log.VerifyAsync();
        Assert.True(verification.Intact, verification.Problem);
        Assert.Equal(2, verification.Records);
        Assert.Equal(2, verification.PurgedThrough);

        // The retained chain starts from the deleted records' last hash: losing its first record is still caught.
        var table = new TableClient(_storage.ConnectionString, _settings.AuditTable);
        await table.DeleteEntityAsync(id, 3L.ToString("D19"));
        var cut = await log.VerifyAsync();
        Assert.False(cut.Intact);
        Assert.Equal(3, cut.BrokenAt);
    }

    // The subject index is written just after the records; the test deletes what it holds, so it waits for it.
    private async Task WaitForSubjectIndexAsync(string domain)
    {
        for (var attempt = 0; attempt < 100 && (await Grains.GetGrain<IAccessReportGrain>(0).DisclosuresOfDomainAsync(domain)).IsEmpty; attempt++)
            await Task.Delay(50);
    }

    [Fact]
    public async Task Opening_a_case_schedules_its_retention()
    {
        var id = "retc-" + Guid.NewGuid().ToString("N")[..12];
        var requestor = Grains.GetGrain<IRequestorGrain>(id);
        await requestor.RegisterAsync(new RequestorProfile
        {
            Name = "Retention CERT",
            Kind = RequestorKind.Cert,
            AccreditingBody = "Accreditor",
            AccreditedUntil = DateTimeOffset.UtcNow.AddYears(2),
            Purposes = ImmutableDictionary<RdapPurpose, ImmutableHashSet<DataElement>>.Empty.Add(RdapPurpose.CriminalInvestigationAndDnsAbuse, [DataElement.RegistrantEmail]),
        });
        var key = (await requestor.IssueKeyAsync())!;
        var opened = await requestor.OpenCaseAsync(key.KeyId, new InvestigationCase
        {
            CaseId = "CASE-RET",
            Purpose = RdapPurpose.CriminalInvestigationAndDnsAbuse,
            LegalBasis = LegalBasis.LegitimateInterests,
            Evidence = ["https://evidence.example/phish/1"],
            RetentionDays = 30,
            Confidential = false,
        });
        Assert.Equal(AccessOutcome.Granted, opened.Access);
        Assert.Contains("case-retention", await ReminderNamesAsync(id));
    }
}
