using Rds.Requestors;

namespace Rds.Grains.Requestors;

/// <summary>
/// Rules over a requestor's recent behaviour, in a sliding window: many malformed requests, the same request over and
/// over, pivots spread over very many seeds in one case, mostly empty answers (guessing), one key used from many
/// addresses (a shared or leaked key). Pure and in memory: a restart forgets the window, never a raised flag.
/// </summary>
internal sealed class AbuseWatch(AbuseWatchOptions options)
{
    private readonly Queue<(DateTimeOffset At, RequestObservation Seen)> _window = new();
    private readonly Dictionary<string, int> _pivotsByCase = new(StringComparer.Ordinal);
    private DateOnly _pivotDay;

    /// <summary>Takes in one observation; the first rule it trips, with what was seen, or null.</summary>
    public (AbuseRule Rule, string Detail)? Observe(RequestObservation seen, DateTimeOffset now)
    {
        _window.Enqueue((now, seen));
        while (_window.Peek().At <= now - options.Window)
            _window.Dequeue();
        var recent = _window.Select(item => item.Seen).ToArray();

        var malformed = recent.Count(s => s.Malformed);
        if (malformed >= options.MalformedRequests && malformed * 2 >= recent.Length)
            return (AbuseRule.MalformedRequests, $"{malformed} of the last {recent.Length} requests were malformed");
        var repeats = recent.Count(s => s.Fingerprint == seen.Fingerprint);
        if (repeats >= options.RepeatedRequests)
            return (AbuseRule.RepeatedRequests, $"the same request {repeats} times in {options.Window.TotalMinutes:0} minutes");
        var answered = recent.Where(s => !s.Malformed).ToArray();
        var empty = answered.Count(s => s.Results == 0);
        if (answered.Length >= options.EmptyResultsMinimum && empty >= answered.Length * options.EmptyResultsShare)
            return (AbuseRule.EmptyResults, $"{empty} of the last {answered.Length} answers were empty");
        var sources = recent.Where(s => s.KeyId == seen.KeyId).Select(s => s.Source).Distinct().Count();
        if (sources >= options.SourcesPerKey)
            return (AbuseRule.ManySources, $"key {seen.KeyId} used from {sources} addresses in {options.Window.TotalMinutes:0} minutes");
        if (seen.PivotCase is { } pivotCase)
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today != _pivotDay)
            {
                _pivotDay = today;
                _pivotsByCase.Clear();
            }
            var pivots = _pivotsByCase[pivotCase] = _pivotsByCase.GetValueOrDefault(pivotCase) + 1;
            if (pivots >= options.PivotsPerCasePerDay)
                return (AbuseRule.PivotBreadth, $"{pivots} pivots in case {pivotCase} today");
        }
        return null;
    }

    /// <summary>Starts afresh after a flag is raised, so one burst trips one flag.</summary>
    public void Reset() => _window.Clear();
}
