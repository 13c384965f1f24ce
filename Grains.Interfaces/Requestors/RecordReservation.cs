namespace Rds.Requestors;

/// <summary>
/// Records a request may disclose, taken from the day's quota before the work is done. <see cref="Granted"/> may be
/// less than asked (the work is then cut to it); zero means over quota, retry after <see cref="RetryAfter"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.RecordReservation")]
public sealed record RecordReservation
{
    [Id(0)] public required int Granted { get; init; }

    [Id(1)] public TimeSpan RetryAfter { get; init; }

    [Id(2)] public string? Reason { get; init; }

    /// <summary>The UTC day whose quota the records came from, to settle against.</summary>
    [Id(3)] public DateOnly Day { get; init; }
}
