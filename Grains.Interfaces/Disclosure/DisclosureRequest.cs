using System.Collections.Frozen;
using System.Collections.Immutable;
using Rds.Attributes;

namespace Rds.Disclosure;

/// <summary>One request's need and right to know: the elements asked for and the entitlements held.</summary>
[GenerateSerializer, Immutable, Alias("rds.DisclosureRequest")]
public sealed record DisclosureRequest
{
    /// <summary>Non-public elements the requestor asked for; anything not asked for is withheld (minimisation).</summary>
    [Id(0)] public ImmutableHashSet<DataElement> Requested { get; init; } = [];

    [Id(1)] public Entitlements Entitlements { get; init; } = Entitlements.Public;

    /// <summary>When set, every disclosed contact element is replaced by its keyed pseudonym instead of shown in clear.</summary>
    [Id(2)] public PseudonymKey? Pseudonyms { get; init; }

    /// <summary>The anonymous public request.</summary>
    public static DisclosureRequest Public { get; } = new();

    /// <summary>The rule of disclosure: a non-public element only when it was asked for and is entitled.</summary>
    public bool Discloses(DataElement element) => Requested.Contains(element) && Entitlements.Clear.Contains(element);

    /// <summary>
    /// Whether values of an attribute kind may be shown (and so followed by a pivot): by the same rule as the data
    /// element the kind is made of; nameservers, their addresses and the organisation are public elements.
    /// </summary>
    public bool Discloses(AttributeKind kind) => ElementOf(kind) is not { } element || Discloses(element);

    /// <summary>The non-public element an attribute kind's values are made of; null for public kinds.</summary>
    public static DataElement? ElementOf(AttributeKind kind) => kind switch
    {
        AttributeKind.RegistrantEmail => DataElement.RegistrantEmail,
        AttributeKind.RegistrantPhone => DataElement.RegistrantPhone,
        AttributeKind.RegistryRegistrantId => DataElement.RegistryRegistrantId,
        AttributeKind.TechId => DataElement.RegistryTechId,
        AttributeKind.TechEmail => DataElement.TechEmail,
        _ => null,
    };

    /// <summary>The attribute kind whose values are made of <paramref name="element"/>, if the index has one.</summary>
    public static AttributeKind? KindOf(DataElement element) => KindOfElement.TryGetValue(element, out var kind) ? kind : null;

    private static readonly FrozenDictionary<DataElement, AttributeKind> KindOfElement =
        Enum.GetValues<AttributeKind>().Where(kind => ElementOf(kind) is not null).ToDictionary(kind => ElementOf(kind)!.Value).ToFrozenDictionary();
}
