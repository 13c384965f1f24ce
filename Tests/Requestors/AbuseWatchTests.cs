using Rds.Grains.Requestors;
using Rds.Requestors;

namespace Rds.Tests.Requestors;

public sealed class AbuseWatchTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static readonly AbuseWatchOptions Small = new()
    {
        Window = TimeSpan.FromMinutes(10),
        MalformedRequests = 5,
        RepeatedRequests = 5,
        EmptyResultsMinimum = 10,
        EmptyResultsShare = 0.8,
        SourcesPerKey = 3,
        PivotsPerCasePerDay = 4,
    };

    private static RequestObservation Seen(int i, bool malformed = false, int results = 1, string source = "192.0.2.1", string? pivotCase = null, string? fingerprint = null) => new()
    {
        KeyId = "k1",
        Source = source,
        Fingerprint = fingerprint ?? $"GET /rdap/domain/d{i}.example",
        Malformed = malformed,
        Results = results,
        PivotCase = pivotCase,
    };

    private static AbuseRule? FirstTrip(AbuseWatch watch, IEnumerable<RequestObservation> seen, TimeSpan? spacing = null)
    {
        var at = Start;
        foreach (var observation in seen)
        {
            if (watch.Observe(observation, at) is var (rule, _))
                return rule;
            at += spacing ?? TimeSpan.FromSeconds(1);
        }
        return null;
    }

    [Fact]
    public void Many_malformed_requests_trip_but_a_few_among_many_good_ones_do_not()
    {
        Assert.Equal(AbuseRule.MalformedRequests, FirstTrip(new AbuseWatch(Small), Enumerable.Range(0, 5).Select(i => Seen(i, malformed: true))));
        var mixed = Enumerable.Range(0, 40).Select(i => Seen(i, malformed: i % 8 == 0));
        Assert.Null(FirstTrip(new AbuseWatch(Small), mixed));
    }

    [Fact]
    public void The_same_request_over_and_over_trips()
    {
        Assert.Equal(AbuseRule.RepeatedRequests, FirstTrip(new AbuseWatch(Small), Enumerable.Range(0, 5).Select(i => Seen(i, fingerprint: "GET /rdap/domain/same.example"))));
    }

    [Fact]
    public void Mostly_empty_answers_trip_only_past_the_minimum()
    {
        Assert.Null(FirstTrip(new AbuseWatch(Small), Enumerable.Range(0, 9).Select(i => Seen(i, results: 0))));
        Assert.Equal(AbuseRule.EmptyResults, FirstTrip(new AbuseWatch(Small), Enumerable.Range(0, 10).Select(i => Seen(i, results: 0))));
    }

    [Fact]
    public void One_key_from_many_addresses_trips()
    {
        Assert.Equal(AbuseRule.ManySources, FirstTrip(new AbuseWatch(Small), Enumerable.Range(0, 3).Select(i => Seen(i, source: $"198.51.100.{i}"))));
    }

    [Fact]
    public void Pivots_per_case_trip_per_day()
    {
        Assert.Equal(AbuseRule.PivotBreadth, FirstTrip(new AbuseWatch(Small), Enumerable.Range(0, 4).Select(i => Seen(i, pivotCase: "c1"))));
        // Spread over days, the same number does not.
        Assert.Null(FirstTrip(new AbuseWatch(Small), Enumerable.Range(0, 8).Select(i => Seen(i, pivotCase: "c1")), spacing: TimeSpan.FromHours(13)));
    }

    [Fact]
    public void Old_observations_leave_the_window()
    {
        var spaced = Enumerable.Range(0, 20).Select(i => Seen(i, malformed: true));
        Assert.Null(FirstTrip(new AbuseWatch(Small), spaced, spacing: TimeSpan.FromMinutes(3)));
    }
}
