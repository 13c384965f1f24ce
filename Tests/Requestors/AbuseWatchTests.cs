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

    // The watch keeps running counts; this recounts the whole window for every observation, as the rules read.
    private static (AbuseRule Rule, string Detail)? Recount(List<(DateTimeOffset At, RequestObservation Seen)> window, RequestObservation seen, DateTimeOffset now, AbuseWatchOptions options)
    {
        window.Add((now, seen));
        window.RemoveAll(item => item.At <= now - options.Window);
        var recent = window.Select(item => item.Seen).ToList();
        var malformed = recent.Count(s => s.Malformed);
        if (malformed >= options.MalformedRequests && malformed * 2 >= recent.Count)
            return (AbuseRule.MalformedRequests, $"{malformed} of the last {recent.Count} requests were malformed");
        var repeats = recent.Count(s => s.Fingerprint == seen.Fingerprint);
        if (repeats >= options.RepeatedRequests)
            return (AbuseRule.RepeatedRequests, $"the same request {repeats} times in {options.Window.TotalMinutes:0} minutes");
        var answered = recent.Where(s => !s.Malformed).ToList();
        var empty = answered.Count(s => s.Results == 0);
        if (answered.Count >= options.EmptyResultsMinimum && empty >= answered.Count * options.EmptyResultsShare)
            return (AbuseRule.EmptyResults, $"{empty} of the last {answered.Count} answers were empty");
        var sources = recent.Where(s => s.KeyId == seen.KeyId).Select(s => s.Source).Distinct().Count();
        if (sources >= options.SourcesPerKey)
            return (AbuseRule.ManySources, $"key {seen.KeyId} used from {sources} addresses in {options.Window.TotalMinutes:0} minutes");
        return null;
    }

    [Fact]
    public void Running_counts_trip_exactly_where_a_recount_of_the_window_does()
    {
        var options = new AbuseWatchOptions
        {
            Window = TimeSpan.FromMinutes(2),
            MalformedRequests = 12,
            RepeatedRequests = 9,
            EmptyResultsMinimum = 40,
            EmptyResultsShare = 0.7,
            SourcesPerKey = 6,
            PivotsPerCasePerDay = int.MaxValue,
        };
        var random = new Random(20261205);
        var watch = new AbuseWatch(options);
        var window = new List<(DateTimeOffset, RequestObservation)>();
        var at = Start;
        var trips = new HashSet<AbuseRule>();
        for (var i = 0; i < 20_000; i++)
        {
            // Phases that each lean towards one rule, with bursts and lulls, so the window both fills and drains.
            var phase = i / 500 % 5;
            at += TimeSpan.FromMilliseconds(random.Next(10) < 8 ? random.Next(0, 300) : random.Next(0, 60_000));
            var seen = new RequestObservation
            {
                KeyId = $"k{random.Next(3)}",
                Source = $"192.0.2.{random.Next(phase == 0 ? 12 : 3)}",
                Fingerprint = $"GET /rdap/domain/d{random.Next(phase == 1 ? 4 : 400)}.example",
                Malformed = random.Next(100) < (phase == 2 ? 70 : 5),
                Results = random.Next(100) < (phase == 3 ? 90 : 20) ? 0 : 1,
            };
            var expected = Recount(window, seen, at, options);
            Assert.Equal(expected, watch.Observe(seen, at));
            if (expected is var (rule, _))
            {
                trips.Add(rule);
                watch.Reset();
                window.Clear();
            }
        }
        // The walk must have reached every rule it compares, or it proves little.
        Assert.Equal([AbuseRule.MalformedRequests, AbuseRule.RepeatedRequests, AbuseRule.EmptyResults, AbuseRule.ManySources], trips.Order());
    }
}
