using System.Collections.Immutable;
using Rds.Disclosure;
using Rds.Registrations;

namespace Rds.Grains.Disclosure;

/// <summary>
/// Who may see what: the one function that shapes a record for a request. A non-public element is disclosed only
/// when it was asked for and the requestor is entitled to it; otherwise its value is removed here, inside the
/// silo, and a redaction names it with the method of the ICANN Response Profile's Appendix E and §2.7.8.
/// </summary>
internal static class DisclosurePolicy
{
    public static DisclosedRegistration Shape(RegistrationRecord record, DisclosureRequest request, DateTimeOffset databaseUpdatedAt)
    {
        var redactions = ImmutableArray.CreateBuilder<Redaction>();
        bool Discloses(DataElement element, bool present)
        {
            if (!present)
                return true;
            if (request.Requested.Contains(element) && request.Entitlements.Clear.Contains(element))
                return true;
            redactions.Add(new Redaction(element, MethodFor(element)));
            return false;
        }

        var shaped = record with
        {
            Registrant = ShapeRegistrant(record.Registrant, Discloses),
            Tech = ShapeTech(record.Tech, Discloses),
        };
        return new DisclosedRegistration { Record = shaped, Redactions = redactions.ToImmutable(), DatabaseUpdatedAt = databaseUpdatedAt };
    }

    /// <summary>RP 2024 Appendix E names the method per element; §2.7.8 requires replacement for emails.</summary>
    public static RedactionMethod MethodFor(DataElement element) => element switch
    {
        DataElement.RegistrantName or DataElement.RegistrantStreet or DataElement.RegistrantCity
            or DataElement.RegistrantPostalCode or DataElement.TechName => RedactionMethod.EmptyValue,
        DataElement.RegistrantEmail or DataElement.TechEmail => RedactionMethod.ReplacementValue,
        _ => RedactionMethod.Removal,
    };

    private static Contact? ShapeRegistrant(Contact? contact, Func<DataElement, bool, bool> discloses)
    {
        if (contact is null)
            return null;
        var phone = discloses(DataElement.RegistrantPhone, contact.Phone is not null);
        var fax = discloses(DataElement.RegistrantFax, contact.Fax is not null);
        return contact with
        {
            Handle = discloses(DataElement.RegistryRegistrantId, contact.Handle is not null) ? contact.Handle : null,
            Name = discloses(DataElement.RegistrantName, contact.Name is not null) ? contact.Name : null,
            Street = discloses(DataElement.RegistrantStreet, contact.Street.Length > 0) ? contact.Street : [],
            City = discloses(DataElement.RegistrantCity, contact.City is not null) ? contact.City : null,
            PostalCode = discloses(DataElement.RegistrantPostalCode, contact.PostalCode is not null) ? contact.PostalCode : null,
            Phone = phone ? contact.Phone : null,
            PhoneExt = phone && discloses(DataElement.RegistrantPhoneExt, contact.PhoneExt is not null) ? contact.PhoneExt : null,
            Fax = fax ? contact.Fax : null,
            FaxExt = fax && discloses(DataElement.RegistrantFaxExt, contact.FaxExt is not null) ? contact.FaxExt : null,
            Email = discloses(DataElement.RegistrantEmail, contact.Email is not null) ? contact.Email : null,
        };
    }

    private static Contact? ShapeTech(Contact? contact, Func<DataElement, bool, bool> discloses)
    {
        if (contact is null)
            return null;
        var phone = discloses(DataElement.TechPhone, contact.Phone is not null);
        return contact with
        {
            Handle = discloses(DataElement.RegistryTechId, contact.Handle is not null) ? contact.Handle : null,
            Name = discloses(DataElement.TechName, contact.Name is not null) ? contact.Name : null,
            Phone = phone ? contact.Phone : null,
            PhoneExt = phone && discloses(DataElement.TechPhoneExt, contact.PhoneExt is not null) ? contact.PhoneExt : null,
            Email = discloses(DataElement.TechEmail, contact.Email is not null) ? contact.Email : null,
            // The Profile publishes only name, phone and email of a technical contact (RP 2024 §2.7.6).
            Organization = null,
            Street = [],
            City = null,
            Region = null,
            PostalCode = null,
            CountryCode = null,
            Fax = null,
            FaxExt = null,
        };
    }
}
