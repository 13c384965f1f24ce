namespace Rds.Attributes;

/// <summary>A domain entering (<paramref name="Member"/> true) or leaving an attribute's index.</summary>
[GenerateSerializer, Immutable, Alias("rds.MembershipChange")]
public readonly record struct MembershipChange([property: Id(0)] string Domain, [property: Id(1)] bool Member);
