namespace Rds.Disclosure;

/// <summary>RFC 9537 §3 redaction methods.</summary>
public enum RedactionMethod
{
    /// <summary>The member or property is absent.</summary>
    Removal,

    /// <summary>The property is present with an empty value.</summary>
    EmptyValue,

    /// <summary>The value is replaced by another (a contact URI instead of an email, a pseudonym).</summary>
    ReplacementValue,
}

/// <summary>One withheld element and how it was withheld, to be rendered as an RFC 9537 <c>redacted</c> entry.</summary>
[GenerateSerializer, Immutable, Alias("rds.Redaction")]
public sealed record Redaction([property: Id(0)] DataElement Element, [property: Id(1)] RedactionMethod Method)
{
    /// <summary>The value was replaced in place by a keyed pseudonym of this master key version (RFC 9537 replacementValue).</summary>
    [Id(2)] public int? PseudonymKeyVersion { get; init; }
}
