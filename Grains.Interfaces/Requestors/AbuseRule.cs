namespace Rds.Requestors;

/// <summary>The behaviours the abuse watch looks for.</summary>
public enum AbuseRule
{
    MalformedRequests,
    RepeatedRequests,
    PivotBreadth,
    EmptyResults,
    ManySources,
}
