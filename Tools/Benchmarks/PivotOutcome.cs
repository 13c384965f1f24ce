namespace Rds.Tools.Benchmarks;

/// <summary>What one traversal reported: each domain with its hop (seeds at 0), the attributes met, and why it stopped.</summary>
internal sealed record PivotOutcome(IReadOnlyDictionary<string, int> DomainHops, int AttributesMet, int AttributesOverCap, string StopReason)
{
    public const string Complete = "complete";
    public const string MaxDepth = "maxDepth";
    public const string MaxDomains = "maxDomains";

    /// <summary>Domains found by following attributes, seeds not counted.</summary>
    public int Discovered => DomainHops.Values.Count(hop => hop > 0);
}
