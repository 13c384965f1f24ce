using Azure.Data.Tables;
using Rds.Disclosure;
using Rds.Domains;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Domains;

/// <summary>Whole-cluster restarts on the same tables: what was acknowledged is read back by a new silo.</summary>
public sealed class DomainPersistenceAcrossRestartTests : IAsyncLifetime
{
    private AzuriteStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await AzuriteStorage.StartAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task A_record_survives_a_silo_restart_and_lands_in_azure_table_storage()
    {
        var settings = TestCluster.SettingsFor(_storage);
        var name = SampleRecords.UniqueName("restart");
        var record = SampleRecords.Full(name);

        await using (var first = await TestCluster.StartAsync(settings))
        {
            Assert.Equal(UpsertOutcome.Stored, await first.Client.GetGrain<IDomainGrain>(name).UpsertAsync(record));
        }

        // The state row exists in the table, keyed by the grain id, independent of any silo.
        var table = new TableClient(_storage.ConnectionString, settings.GrainStateTable);
        var rows = table.QueryAsync<TableEntity>(maxPerPage: 100);
        var found = false;
        await foreach (var row in rows)
            found |= row.RowKey.Contains(name, StringComparison.Ordinal) || row.PartitionKey.Contains(name, StringComparison.Ordinal);
        Assert.True(found, "the domain's state row was not found in " + settings.GrainStateTable);

        await using var second = await TestCluster.StartAsync(settings);
        var disclosed = await second.Client.GetGrain<IDomainGrain>(name).LookupAsync(DisclosureRequest.Public);
        Assert.NotNull(disclosed);
        Assert.Equal(record.UpdatedDate, disclosed.Record.UpdatedDate);
        Assert.Equal(record.Nameservers.Select(n => n.Name), disclosed.Record.Nameservers.Select(n => n.Name));
        Assert.Equal(UpsertOutcome.Unchanged, await second.Client.GetGrain<IDomainGrain>(name).UpsertAsync(record));
    }
}
