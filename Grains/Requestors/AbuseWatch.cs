using Rds.Requestors;

namespace Rds.Grains.Requestors;

/// <summary>
/// Rules over a requestor's recent behaviour, in a sliding window: many malformed requests, the same request over and
/// over, pivots spread over very many seeds in one case, mostly empty answers (guessing), one key used from many
/// addresses (a shared or leaked key). Pure and in memory: a restart forgets the window, never a raised flag.
/// The window's counts are kept as observations enter and leave it, so an observation costs the same however busy
/// the requestor is (the window of a requestor at 600 requests a second holds 360,000 of them).
/// </summary>
internal sealed class AbuseWatch(AbuseWatchOptions options)
{
    private readonly Queue<(DateTimeOffset At, RequestObservation Seen)> _window = new();
    private readonly Dictionary<string, int> _byFingerprint = new(StringComparer.Ordinal);
    // Per key, the addresses it was used from and how many of the window's requests came from each.
    private readonly Dictionary<string, Dictionary<string, int>> _sourcesByKey = new(StringComparer.Ordinal);
    private int _malformed;
    private int _empty;
    private readonly Dictionary<string, int> _pivotsByCase = new(StringComparer.Ordinal);
    private DateOnly _pivotDay;

    /// <summary>Takes in one observation; the first rule it trips, with what was seen, or null.</summary>
    public (AbuseRule Rule, string Detail)? Observe(RequestObservation seen, DateTimeOffset now)
    {
        Enter(now, seen);
        while (_window.Peek().At <= now - options.Window)
            Leave(_window.Dequeue().Seen);

        var total = _window.Count;
        if (_malformed >= options.MalformedRequests && _malformed * 2 >= total)
            return (AbuseRule.MalformedRequests, $"{_malformed} of the last {total} requests were malformed");
        var repeats = _byFingerprint[seen.Fingerprint];
        if (repeats >= options.RepeatedRequests)
            return (AbuseRule.RepeatedRequests, $"the same request {repeats} times in {options.Window.TotalMinutes:0} minutes");
        var answered = total - _malformed;
        if (answered >= options.EmptyResultsMinimum && _empty >= answered * options.EmptyResultsShare)
            return (AbuseRule.EmptyResults, $"{_empty} of the last {answered} answers were empty");
        var sources = _sourcesByKey[seen.KeyId].Count;
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
    public void Reset()
    {
        _window.Clear();
        _byFingerprint.Clear();
        _sourcesByKey.Clear();
        _malformed = _empty = 0;
    }

    private void Enter(DateTimeOffset at, RequestObservation seen)
    {
        _window.Enqueue((at, seen));
        if (seen.Malformed)
            _malformed++;
        else if (seen.Results == 0)
            _empty++;
        _byFingerprint[seen.Fingerprint] = _byFingerprint.GetValueOrDefault(seen.Fingerprint) + 1;
        if (!_sourcesByKey.TryGetValue(seen.KeyId, out var sources))
            _sourcesByKey[seen.KeyId] = sources = new Dictionary<string, int>(StringComparer.Ordinal);
        sources[seen.Source] = sources.GetValueOrDefault(seen.Source) + 1;
    }

    private void Leave(RequestObservation seen)
    {
        if (seen.Malformed)
            _malformed--;
        else if (seen.Results == 0)
            _empty--;
        Decrement(_byFingerprint, seen.Fingerprint);
        var sources = _sourcesByKey[seen.KeyId];
        Decrement(sources, seen.Source);
        if (sources.Count == 0)
            _sourcesByKey.Remove(seen.KeyId);
    }

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        if (--counts[key] == 0)
            counts.Remove(key);
    }
}
