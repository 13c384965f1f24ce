namespace Rds.Requestors;

/// <summary>What the abuse watch learns of one answered request.</summary>
[GenerateSerializer, Immutable, Alias("rds.RequestObservation")]
public sealed record RequestObservation
{
    [Id(0)] public required string KeyId { get; init; }

    /// <summary>The client address the request came from.</summary>
    [Id(1)] public required string Source { get; init; }

    /// <summary>Method, path and query: the same request repeated has the same fingerprint.</summary>
    [Id(2)] public required string Fingerprint { get; init; }

    /// <summary>The request was malformed or did not state its purpose (a 400).</summary>
    [Id(3)] public bool Malformed { get; init; }

    /// <summary>How many records the answer carried; 0 for a miss.</summary>
    [Id(4)] public int Results { get; init; }

    /// <summary>For a pivot, its case; pivots are counted per case per day.</summary>
    [Id(5)] public string? PivotCase { get; init; }

    /// <summary>Records reserved for the request that its answer did not carry, to return to the day's quota.</summary>
    [Id(6)] public int UnusedRecords { get; init; }

    /// <summary>The UTC day those records were reserved from.</summary>
    [Id(7)] public DateOnly ReservedOn { get; init; }
}
