namespace Rds.Requestors;

/// <summary>How much a requestor may ask: a request rate with a burst, disclosed records per UTC day, and pivots per case per UTC day.</summary>
[GenerateSerializer, Immutable, Alias("rds.RequestorQuotas")]
public sealed record RequestorQuotas
{
    [Id(0)] public int RequestsPerMinute { get; init; } = 600;

    /// <summary>Requests that may arrive at once after a quiet spell (the token bucket's size).</summary>
    [Id(1)] public int Burst { get; init; } = 60;

    /// <summary>Domain records disclosed per UTC day, counted over lookups, search results and pivot domains.</summary>
    [Id(2)] public int RecordsPerDay { get; init; } = 10_000;

    [Id(3)] public int PivotsPerCasePerDay { get; init; } = 100;

    public static RequestorQuotas Default { get; } = new();
}
