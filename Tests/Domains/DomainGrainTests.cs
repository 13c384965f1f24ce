using Rds.Attributes;
using Rds.Disclosure;
using Rds.Domains;
using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Domains;

[Collection(ClusterCollection.Name)]
public sealed class DomainGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_record_survives_deactivation()
    {
        var name = SampleRecords.UniqueName("deact");
        var grain = fixture.Grains.GetGrain<IDomainGrain>(name);
        Assert.Equal(UpsertOutcome.Stored, await grain.UpsertAsync(SampleRecords.Full(name)));

        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);

        var disclosed = await grain.LookupAsync(DisclosureRequest.Public);
        Assert.NotNull(disclosed);
        Assert.Equal(name, disclosed.Record.DomainName);
        Assert.Equal("Example Registrar Inc.", disclosed.Record.Registrar.Name);
    }

    [Fact]
    public async Task A_stale_upsert_is_refused_and_leaves_the_newer_record()
    {
        var name = SampleRecords.UniqueName("stale");
        var grain = fixture.Grains.GetGrain<IDomainGrain>(name);
        var newer = SampleRecords.Full(name, SampleRecords.Created.AddDays(60)) with { Reseller = "Newer Reseller" };
        var older = SampleRecords.Full(name, SampleRecords.Created.AddDays(10)) with { Reseller = "Older Reseller" };

        Assert.Equal(UpsertOutcome.Stored, await grain.UpsertAsync(newer));
        Assert.Equal(UpsertOutcome.Stale, await grain.UpsertAsync(older));
        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);

        Assert.Equal("Newer Reseller", (await grain.LookupAsync(DisclosureRequest.Public))!.Record.Reseller);
    }

    [Fact]
    public async Task A_deleted_name_is_gone_after_deactivation_and_older_upserts_do_not_revive_it()
    {
        var name = SampleRecords.UniqueName("del");
        var grain = fixture.Grains.GetGrain<IDomainGrain>(name);
        var record = SampleRecords.Full(name);
        await grain.UpsertAsync(record);

        Assert.Equal(DeleteOutcome.Deleted, await grain.DeleteAsync(record.UpdatedDate.AddHours(1)));
        await fixture.Cluster.DeactivateAsync(grain);
        await fixture.Cluster.WaitForDeactivationAsync(grain);

        Assert.Null(await grain.LookupAsync(DisclosureRequest.Public));
        Assert.Equal(UpsertOutcome.Stale, await grain.UpsertAsync(record));
        Assert.Equal(DeleteOutcome.NotFound, await grain.DeleteAsync(record.UpdatedDate.AddHours(2)));
    }

    [Fact]
    public async Task Attribute_values_follow_every_change_of_the_record()
    {
        var name = SampleRecords.UniqueName("attrs");
        var grain = fixture.Grains.GetGrain<IDomainGrain>(name);
        var first = SampleRecords.Full(name);
        var second = SampleRecords.Full(name, SampleRecords.Created.AddDays(60)) with
        {
            Nameservers = [new Nameserver { Name = "ns9.elsewhere.example", Ipv4 = ["192.0.2.99"] }],
            Registrant = first.Registrant! with { Organization = "Other Holdings" },
        };

        Assert.Null(await grain.AttributesAsync());
        await grain.UpsertAsync(first);
        Assert.Equal(RecordAttributes.Of(first).ToHashSet(), (await grain.AttributesAsync())!.Value.ToHashSet());
        await grain.UpsertAsync(second);
        Assert.Equal(RecordAttributes.Of(second).ToHashSet(), (await grain.AttributesAsync())!.Value.ToHashSet());
        await grain.DeleteAsync(second.UpdatedDate.AddHours(1));
        Assert.Null(await grain.AttributesAsync());
    }

    [Fact]
    public async Task A_record_keyed_under_another_name_is_refused()
    {
        var grain = fixture.Grains.GetGrain<IDomainGrain>(SampleRecords.UniqueName("key"));

        await Assert.ThrowsAsync<ArgumentException>(() => grain.UpsertAsync(SampleRecords.Full("other.example")));
    }

    [Fact]
    public async Task Concurrent_upserts_of_many_versions_end_with_the_newest()
    {
        var name = SampleRecords.UniqueName("race");
        var grain = fixture.Grains.GetGrain<IDomainGrain>(name);
        var versions = Enumerable.Range(1, 40).Select(day => SampleRecords.Full(name, SampleRecords.Created.AddDays(day)) with { Reseller = $"v{day}" }).ToArray();

        await Task.WhenAll(versions.Reverse().Select(v => grain.UpsertAsync(v)));

        Assert.Equal("v40", (await grain.LookupAsync(DisclosureRequest.Public))!.Record.Reseller);
    }
}
