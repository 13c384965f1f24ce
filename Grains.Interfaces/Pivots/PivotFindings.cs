using System.Collections.Immutable;
using Rds.Attributes;

namespace Rds.Pivots;

/// <summary>
/// A run of a pivot's events in the form that crosses the wire: the attributes met at one hop, the domains that one
/// attribute led to (or the seeds), or the end. The domains found through an attribute share one copy of it instead of
/// one each, so a wide hop costs a name per domain and little else. <see cref="Events"/> gives the events in order.
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.PivotFindings")]
public sealed record PivotFindings
{
    /// <summary>The hop of the attributes met, of the domains found, or of the end.</summary>
    [Id(0)] public int Hop { get; init; }

    /// <summary>Attributes met at <see cref="Hop"/>, in the order they are reported.</summary>
    [Id(1)] public ImmutableArray<MetAttribute> Attributes { get; init; } = [];

    /// <summary>The attribute that led to <see cref="Domains"/>; null for the seed domains.</summary>
    [Id(2)] public AttributeValue? Via { get; init; }

    /// <summary>Domains found at <see cref="Hop"/>, each reported once per pivot.</summary>
    [Id(3)] public ImmutableArray<string> Domains { get; init; } = [];

    /// <summary>Set on the last findings of a pivot: why the traversal stopped.</summary>
    [Id(4)] public string? StopReason { get; init; }

    /// <summary>The attributes, then the domains, then the end, as one event each.</summary>
    public IEnumerable<PivotEvent> Events()
    {
        foreach (var met in Attributes)
            yield return new PivotEvent { Kind = PivotEventKind.Attribute, Hop = Hop, Attribute = met.Value, Count = met.Count, OverCap = met.OverCap };
        foreach (var domain in Domains)
            yield return new PivotEvent { Kind = PivotEventKind.Domain, Hop = Hop, Domain = domain, Attribute = Via };
        if (StopReason is not null)
            yield return new PivotEvent { Kind = PivotEventKind.End, Hop = Hop, StopReason = StopReason };
    }
}
