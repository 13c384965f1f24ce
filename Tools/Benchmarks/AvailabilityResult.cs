using System.Globalization;
using System.Text;

namespace Rds.Tools.Benchmarks;

/// <summary>The figures of an availability run, as written to the JSON result file; times in seconds.</summary>
internal sealed record AvailabilityResult
{
    public required int Concurrency { get; init; }

    public required int Requestors { get; init; }

    public required double SlowSeconds { get; init; }

    public required long Requests { get; init; }

    /// <summary>Answers that were not 2xx (or no answer at all), by status (0: transport error).</summary>
    public required IReadOnlyDictionary<int, long> FailedByStatus { get; init; }

    /// <summary>2xx answers that took longer than <see cref="SlowSeconds"/>.</summary>
    public required long Slow { get; init; }

    /// <summary>Seconds from the start of the run to the kill; null when nothing was killed.</summary>
    public double? KilledAt { get; init; }

    /// <summary>Relative to the kill: when the first and the last disturbed (failed or slow) request started, and when the last of them ended.</summary>
    public double? FirstDisturbedStart { get; init; }

    public double? LastDisturbedStart { get; init; }

    public double? LastDisturbedEnd { get; init; }

    public required IReadOnlyList<AvailabilitySecond> Timeline { get; init; }

    public static AvailabilityResult From(IReadOnlyList<AvailabilitySample> samples, TimeSpan? killedAt, TimeSpan slow, int concurrency, int requestors)
    {
        var disturbed = samples.Where(sample => !sample.Ok || sample.Latency > slow).OrderBy(sample => sample.Started).ToArray();
        var origin = killedAt ?? TimeSpan.Zero;
        double Relative(TimeSpan at) => Math.Round((at - origin).TotalSeconds, 2);
        var timeline = samples.GroupBy(sample => (int)sample.Started.TotalSeconds).OrderBy(second => second.Key).Select(second => new AvailabilitySecond(
            second.Key,
            second.Count(sample => sample.Ok && sample.Latency <= slow),
            second.Count(sample => !sample.Ok),
            second.Count(sample => sample.Ok && sample.Latency > slow),
            Math.Round(second.Max(sample => sample.Latency.TotalMilliseconds)))).ToArray();
        return new AvailabilityResult
        {
            Concurrency = concurrency,
            Requestors = requestors,
            SlowSeconds = slow.TotalSeconds,
            Requests = samples.Count,
            FailedByStatus = samples.Where(sample => !sample.Ok).GroupBy(sample => sample.Status).ToDictionary(group => group.Key, group => (long)group.Count()),
            Slow = samples.Count(sample => sample.Ok && sample.Latency > slow),
            KilledAt = killedAt?.TotalSeconds is { } seconds ? Math.Round(seconds, 2) : null,
            FirstDisturbedStart = disturbed.Length > 0 ? Relative(disturbed[0].Started) : null,
            LastDisturbedStart = disturbed.Length > 0 ? Relative(disturbed[^1].Started) : null,
            LastDisturbedEnd = disturbed.Length > 0 ? Relative(disturbed.Max(sample => sample.Started + sample.Latency)) : null,
            Timeline = timeline,
        };
    }

    public string Format()
    {
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(culture, $"{Requests:N0} lookups, concurrency {Concurrency}, {Requestors} requestor(s); slow means over {SlowSeconds:0.#} s");
        text.AppendLine(culture, $"failed: {(FailedByStatus.Count == 0 ? "none" : string.Join(", ", FailedByStatus.OrderBy(p => p.Key).Select(p => $"{(p.Key == 0 ? "no answer" : p.Key.ToString(culture))} x {p.Value:N0}")))}; slow: {Slow:N0}");
        if (KilledAt is { } killed)
            text.AppendLine(culture, $"silo killed at {killed:F1} s into the run");
        if (FirstDisturbedStart is { } first)
            text.AppendLine(culture, $"disturbed requests started from {first:+0.0;-0.0} s to {LastDisturbedStart:+0.0;-0.0} s {(KilledAt is null ? "into the run" : "after the kill")}; the last ended at {LastDisturbedEnd:+0.0;-0.0} s");
        else
            text.AppendLine("no request failed or was slow");
        text.AppendLine(culture, $"{"second",6} {"ok",7} {"failed",7} {"slow",6} {"max ms",8}");
        foreach (var second in Timeline.Where(s => s.Failed + s.Slow > 0 || (KilledAt is { } k && Math.Abs(s.Second - k) < 3)))
            text.AppendLine(culture, $"{second.Second,6} {second.Ok,7:N0} {second.Failed,7:N0} {second.Slow,6:N0} {second.MaxMilliseconds,8:N0}");
        return text.ToString();
    }
}

/// <summary>The requests that started in one second of the run: fine, failed, slow, and the slowest.</summary>
internal sealed record AvailabilitySecond(int Second, int Ok, int Failed, int Slow, double MaxMilliseconds);
