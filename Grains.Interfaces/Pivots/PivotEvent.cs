using Rds.Attributes;

namespace Rds.Pivots;

/// <summary>One line of a pivot's answer: a domain found, an attribute met, or the end of the traversal.</summary>
[GenerateSerializer, Immutable, Alias("rds.PivotEvent")]
public sealed record PivotEvent
{
    [Id(0)] public required PivotEventKind Kind { get; init; }

    [Id(1)] public int Hop { get; init; }

    /// <summary>The domain found (<see cref="PivotEventKind.Domain"/>).</summary>
    [Id(2)] public string? Domain { get; init; }

    /// <summary>The attribute met, or the one that linked the domain found (null for a seed domain).</summary>
    [Id(3)] public AttributeValue? Attribute { get; init; }

    /// <summary>How many domains share the attribute met.</summary>
    [Id(4)] public long? Count { get; init; }

    /// <summary>True when an attribute met was not expanded because it is shared by more than the fan-out cap.</summary>
    [Id(5)] public bool OverCap { get; init; }

    /// <summary>On <see cref="PivotEventKind.End"/>: why the traversal stopped.</summary>
    [Id(6)] public string? StopReason { get; init; }
}
