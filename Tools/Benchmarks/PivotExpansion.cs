using Rds.Attributes;

namespace Rds.Tools.Benchmarks;

/// <summary>An attribute met on a hop's domains: how many domains share it, and those domains unless it is over the fan-out cap.</summary>
internal sealed record PivotExpansion(AttributeValue Attribute, long Count, IReadOnlyList<string>? Members);
