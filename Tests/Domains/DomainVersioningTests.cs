using Rds.Domains;
using Rds.Grains.Domains;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Domains;

public sealed class DomainVersioningTests
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_first_record_is_stored()
    {
        Assert.Equal(UpsertOutcome.Stored, DomainVersioning.DecideUpsert(new DomainState(), SampleRecords.Full("a.example", T0)));
    }

    [Fact]
    public void Newer_is_stored_older_is_stale_same_is_unchanged_different_same_version_conflicts()
    {
        var state = new DomainState { Record = SampleRecords.Full("a.example", T0) };

        Assert.Equal(UpsertOutcome.Stored, DomainVersioning.DecideUpsert(state, SampleRecords.Full("a.example", T0.AddSeconds(1))));
        Assert.Equal(UpsertOutcome.Stale, DomainVersioning.DecideUpsert(state, SampleRecords.Full("a.example", T0.AddSeconds(-1))));
        Assert.Equal(UpsertOutcome.Unchanged, DomainVersioning.DecideUpsert(state, SampleRecords.Full("a.example", T0)));
        Assert.Equal(UpsertOutcome.Conflict, DomainVersioning.DecideUpsert(state, SampleRecords.Full("a.example", T0) with { Reseller = "other" }));
    }

    [Fact]
    public void A_deletion_refuses_upserts_not_newer_than_it()
    {
        var deleted = new DomainState { DeletedAt = T0 };

        Assert.Equal(UpsertOutcome.Stale, DomainVersioning.DecideUpsert(deleted, SampleRecords.Full("a.example", T0)));
        Assert.Equal(UpsertOutcome.Stored, DomainVersioning.DecideUpsert(deleted, SampleRecords.Full("a.example", T0.AddTicks(1))));
    }

    [Fact]
    public void A_deletion_older_than_the_record_is_stale()
    {
        var state = new DomainState { Record = SampleRecords.Full("a.example", T0) };

        Assert.Equal(DeleteOutcome.Stale, DomainVersioning.DecideDelete(state, T0.AddDays(-1)));
        Assert.Equal(DeleteOutcome.Deleted, DomainVersioning.DecideDelete(state, T0));
        Assert.Equal(DeleteOutcome.NotFound, DomainVersioning.DecideDelete(new DomainState(), T0));
    }
}
