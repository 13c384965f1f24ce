using Rds.Attributes;

namespace Rds.Pivots;

/// <summary>An attribute a pivot met: how many domains share it, and whether that was over the fan-out cap.</summary>
[GenerateSerializer, Immutable, Alias("rds.MetAttribute")]
public readonly record struct MetAttribute([property: Id(0)] AttributeValue Value, [property: Id(1)] long Count, [property: Id(2)] bool OverCap);
