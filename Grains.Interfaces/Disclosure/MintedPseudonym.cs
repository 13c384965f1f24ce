using Rds.Attributes;

namespace Rds.Disclosure;

/// <summary>A pseudonym handed out for a pivotable value, so that it can start a pivot later within its case.</summary>
[GenerateSerializer, Immutable, Alias("rds.MintedPseudonym")]
public sealed record MintedPseudonym([property: Id(0)] string Pseudonym, [property: Id(1)] AttributeValue Value);
