namespace Rds.Tools.Benchmarks;

/// <summary>
/// One engine's figures in <c>bench pivot</c>: the first (cold) run, and the median of the timed runs after it;
/// discovered domains exclude the seeds.
/// </summary>
internal sealed record PivotEngineResult(
    string Engine, int Runs, double ColdSeconds, double MedianSeconds, int Domains, int Discovered, int AttributesMet, int AttributesOverCap, string StopReason)
{
    public double DomainsPerSecond => MedianSeconds > 0 ? Discovered / MedianSeconds : 0;
}
