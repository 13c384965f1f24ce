using Rds.Grains.Requestors;
using Rds.Requestors;

namespace Rds.Tests.Requestors;

public sealed class QuotaLedgerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_bucket_allows_the_burst_then_refills_at_the_rate()
    {
        var ledger = new QuotaLedger(new RequestorQuotas { RequestsPerMinute = 60, Burst = 3 }, Noon);

        var first = Enumerable.Range(0, 4).Select(_ => ledger.TryTakeRequest(Noon)).ToArray();

        Assert.Equal([null, null, null], first.Take(3));
        Assert.Equal(TimeSpan.FromSeconds(1), first[3]);
        Assert.Null(ledger.TryTakeRequest(Noon.AddSeconds(1)));
        Assert.NotNull(ledger.TryTakeRequest(Noon.AddSeconds(1)));
        // A long quiet spell refills to the burst, no more.
        Assert.Equal(3, Enumerable.Range(0, 5).Count(_ => ledger.TryTakeRequest(Noon.AddHours(1)) is null));
    }

    [Fact]
    public void Records_are_granted_up_to_what_is_left_and_unused_ones_come_back()
    {
        var ledger = new QuotaLedger(new RequestorQuotas { RecordsPerDay = 10 }, Noon);

        var first = ledger.Reserve(8, null, Noon);
        var second = ledger.Reserve(5, null, Noon);
        var third = ledger.Reserve(1, null, Noon);
        ledger.Settle(4, first.Day);
        var afterSettle = ledger.Reserve(5, null, Noon);

        Assert.Equal(8, first.Granted);
        Assert.Equal(2, second.Granted);
        Assert.Equal(0, third.Granted);
        Assert.Equal(TimeSpan.FromHours(12), third.RetryAfter);
        Assert.Equal(4, afterSettle.Granted);
    }

    [Fact]
    public void A_new_utc_day_starts_afresh_and_yesterdays_settlement_does_not_count()
    {
        var ledger = new QuotaLedger(new RequestorQuotas { RecordsPerDay = 10, PivotsPerCasePerDay = 1 }, Noon);
        var yesterday = ledger.Reserve(10, "case-1", Noon);

        var tomorrow = Noon.AddHours(12);
        var fresh = ledger.Reserve(10, "case-1", tomorrow);
        ledger.Settle(10, yesterday.Day);

        Assert.Equal(10, fresh.Granted);
        Assert.Equal(0, ledger.Reserve(1, null, tomorrow).Granted);
    }

    [Fact]
    public void Pivots_are_counted_per_case()
    {
        var ledger = new QuotaLedger(new RequestorQuotas { PivotsPerCasePerDay = 2 }, Noon);

        Assert.Equal(1, ledger.Reserve(1, "case-a", Noon).Granted);
        Assert.Equal(1, ledger.Reserve(1, "case-a", Noon).Granted);
        var third = ledger.Reserve(1, "case-a", Noon);
        Assert.Equal(0, third.Granted);
        Assert.Contains("pivots", third.Reason);
        Assert.Equal(1, ledger.Reserve(1, "case-b", Noon).Granted);
        Assert.Equal(1, ledger.Reserve(1, null, Noon).Granted);
    }

    [Fact]
    public void Records_already_used_before_a_restart_still_count()
    {
        var ledger = new QuotaLedger(new RequestorQuotas { RecordsPerDay = 10 }, Noon, recordsAlreadyUsed: 9);

        Assert.Equal(1, ledger.Reserve(5, null, Noon).Granted);
    }

    [Fact]
    public void Records_used_are_counted_for_the_day_asked_about()
    {
        var ledger = new QuotaLedger(new RequestorQuotas { RecordsPerDay = 10 }, Noon, recordsAlreadyUsed: 4);
        ledger.Reserve(3, pivotCase: null, Noon);

        Assert.Equal(7, ledger.UsedOn(Noon));
        Assert.Equal(0, ledger.UsedOn(Noon.AddDays(1)));
    }
}
