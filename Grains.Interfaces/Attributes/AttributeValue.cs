namespace Rds.Attributes;

/// <summary>One attribute value in normalised form (see <see cref="AttributeNormalizer"/>), e.g. (NameserverIp, "2001:db8::1").</summary>
[GenerateSerializer, Immutable, Alias("rds.AttributeValue")]
public readonly record struct AttributeValue([property: Id(0)] AttributeKind Kind, [property: Id(1)] string Value)
{
    public override string ToString() => $"{Kind}:{Value}";
}
