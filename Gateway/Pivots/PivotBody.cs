namespace Rds.Gateway.Pivots;

/// <summary>The JSON body of <c>POST /pivots</c>.</summary>
internal sealed record PivotBody
{
    public string[]? SeedDomains { get; init; }

    public PivotSeedAttribute[]? SeedAttributes { get; init; }

    public string[]? Follow { get; init; }

    public int? MaxDepth { get; init; }

    public int? MaxDomains { get; init; }

    public int? FanOutCap { get; init; }
}
