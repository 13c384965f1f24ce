using Rds.Requestors;

namespace Rds.Grains.Requestors;

/// <summary>
/// A requestor's quota arithmetic: a token bucket for the request rate, the records disclosed today and the pivots
/// of each case today. Not thread-safe: the requestor grain runs one call at a time, which is what makes the
/// quotas exact under any concurrency.
/// </summary>
internal sealed class QuotaLedger(RequestorQuotas quotas, DateTimeOffset now, int recordsAlreadyUsed = 0, IReadOnlyDictionary<string, int>? pivotsAlreadyTaken = null)
{
    private double _tokens = quotas.Burst;
    private DateTimeOffset _refilledAt = now;
    private DateOnly _day = DateOnly.FromDateTime(now.UtcDateTime);
    private readonly Dictionary<string, int> _pivotsByCase = new(pivotsAlreadyTaken ?? new Dictionary<string, int>(), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> PivotsByCase => _pivotsByCase;

    public RequestorQuotas Quotas { get; private set; } = quotas;

    /// <summary>Records counted against today's quota, reservations not yet settled included.</summary>
    public int RecordsUsed { get; private set; } = recordsAlreadyUsed;

    public DateOnly Day => _day;

    public void Update(RequestorQuotas quotas) => Quotas = quotas;

    /// <summary>Takes one request from the bucket; otherwise how long until one is there.</summary>
    public TimeSpan? TryTakeRequest(DateTimeOffset now)
    {
        var perSecond = Quotas.RequestsPerMinute / 60.0;
        _tokens = Math.Min(Quotas.Burst, _tokens + (now - _refilledAt).TotalSeconds * perSecond);
        _refilledAt = now;
        if (_tokens >= 1)
        {
            _tokens -= 1;
            return null;
        }
        return TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling((1 - _tokens) / perSecond)));
    }

    /// <summary>Up to <paramref name="wanted"/> records from today's quota, and for a pivot one of its case's pivots.</summary>
    public RecordReservation Reserve(int wanted, string? pivotCase, DateTimeOffset now)
    {
        RollOver(now);
        var untilTomorrow = _day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - now.UtcDateTime;
        if (pivotCase is not null && _pivotsByCase.GetValueOrDefault(pivotCase) >= Quotas.PivotsPerCasePerDay)
            return new RecordReservation { Granted = 0, RetryAfter = untilTomorrow, Reason = $"The case has had its {Quotas.PivotsPerCasePerDay} pivots for today." };
        var granted = Math.Min(wanted, Quotas.RecordsPerDay - RecordsUsed);
        if (granted <= 0)
            return new RecordReservation { Granted = 0, RetryAfter = untilTomorrow, Reason = $"Today's quota of {Quotas.RecordsPerDay} disclosed records is used up." };
        RecordsUsed += granted;
        if (pivotCase is not null)
            _pivotsByCase[pivotCase] = _pivotsByCase.GetValueOrDefault(pivotCase) + 1;
        return new RecordReservation { Granted = granted, Day = _day };
    }

    /// <summary>Records counted against the quota of <paramref name="now"/>'s day.</summary>
    public int UsedOn(DateTimeOffset now)
    {
        RollOver(now);
        return RecordsUsed;
    }

    /// <summary>Gives back what a reservation did not use; a reservation of an earlier day is not given back.</summary>
    public void Settle(int unused, DateOnly reservedOn)
    {
        if (reservedOn == _day)
            RecordsUsed = Math.Max(0, RecordsUsed - Math.Max(0, unused));
    }

    private void RollOver(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today == _day)
            return;
        _day = today;
        RecordsUsed = 0;
        _pivotsByCase.Clear();
    }
}
