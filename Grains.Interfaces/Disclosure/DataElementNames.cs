using System.Collections.Frozen;

namespace Rds.Disclosure;

/// <summary>The Appendix E "redacted name" of each element, and the parse of those names back (case-insensitive).</summary>
public static class DataElementNames
{
    private static readonly FrozenDictionary<DataElement, string> NameOf = new Dictionary<DataElement, string>
    {
        [DataElement.RegistryRegistrantId] = "Registry Registrant ID",
        [DataElement.RegistrantName] = "Registrant Name",
        [DataElement.RegistrantStreet] = "Registrant Street",
        [DataElement.RegistrantCity] = "Registrant City",
        [DataElement.RegistrantPostalCode] = "Registrant Postal Code",
        [DataElement.RegistrantPhone] = "Registrant Phone",
        [DataElement.RegistrantPhoneExt] = "Registrant Phone Ext",
        [DataElement.RegistrantFax] = "Registrant Fax",
        [DataElement.RegistrantFaxExt] = "Registrant Fax Ext",
        [DataElement.RegistrantEmail] = "Registrant Email",
        [DataElement.RegistryTechId] = "Registry Tech ID",
        [DataElement.TechName] = "Tech Name",
        [DataElement.TechPhone] = "Tech Phone",
        [DataElement.TechPhoneExt] = "Tech Phone Ext",
        [DataElement.TechEmail] = "Tech Email",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, DataElement> ElementOf =
        NameOf.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>The Appendix E name, e.g. "Registrant Email".</summary>
    public static string RedactedName(this DataElement element) => NameOf[element];

    public static bool TryParse(string name, out DataElement element) => ElementOf.TryGetValue(name.Trim(), out element);
}
