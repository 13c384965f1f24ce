namespace Rds.Grains.Requestors;

/// <summary>Thresholds of the abuse watch, and what a tripped rule does.</summary>
public sealed class AbuseWatchOptions
{
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Malformed requests in the window (and at least half of all) that trip the rule.</summary>
    public int MalformedRequests { get; set; } = 30;

    public int RepeatedRequests { get; set; } = 50;

    /// <summary>Answers in the window before the share of empty ones is judged.</summary>
    public int EmptyResultsMinimum { get; set; } = 100;

    public double EmptyResultsShare { get; set; } = 0.9;

    public int SourcesPerKey { get; set; } = 8;

    /// <summary>Pivots in one case in one UTC day that look like trawling rather than investigating.</summary>
    public int PivotsPerCasePerDay { get; set; } = 500;

    /// <summary>How long a first flag throttles the requestor; a second flag within <see cref="Memory"/> suspends it.</summary>
    public TimeSpan Throttle { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan Memory { get; set; } = TimeSpan.FromDays(1);
}
