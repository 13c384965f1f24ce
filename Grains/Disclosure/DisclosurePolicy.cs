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
        var shaper = new Shaper(request);
        var shaped = record with
        {
            Registrant = shaper.Registrant(record.Registrant),
            Tech = shaper.Tech(record.Tech),
        };
        return new DisclosedRegistration { Record = shaped, Redactions = shaper.Redactions, DatabaseUpdatedAt = databaseUpdatedAt };
    }

    /// <summary>RP 2024 Appendix E names the method per element; §2.7.8 requires replacement for emails.</summary>
    public static RedactionMethod MethodFor(DataElement element) => element switch
    {
        DataElement.RegistrantName or DataElement.RegistrantStreet or DataElement.RegistrantCity
            or DataElement.RegistrantPostalCode or DataElement.TechName => RedactionMethod.EmptyValue,
        DataElement.RegistrantEmail or DataElement.TechEmail => RedactionMethod.ReplacementValue,
        _ => RedactionMethod.Removal,
    };

    /// <summary>Shapes the contacts of one record and collects what it withheld.</summary>
    private sealed class Shaper(DisclosureRequest request)
    {
        private readonly ImmutableArray<Redaction>.Builder _redactions = ImmutableArray.CreateBuilder<Redaction>();

        public ImmutableArray<Redaction> Redactions => _redactions.ToImmutable();

        public Contact? Registrant(Contact? contact)
        {
            if (contact is null)
                return null;
            var phone = Discloses(DataElement.RegistrantPhone, contact.Phone is not null);
            var fax = Discloses(DataElement.RegistrantFax, contact.Fax is not null);
            return contact with
            {
                Handle = Discloses(DataElement.RegistryRegistrantId, contact.Handle is not null) ? contact.Handle : null,
                Name = Discloses(DataElement.RegistrantName, contact.Name is not null) ? contact.Name : null,
                Street = Discloses(DataElement.RegistrantStreet, contact.Street.Length > 0) ? contact.Street : [],
                City = Discloses(DataElement.RegistrantCity, contact.City is not null) ? contact.City : null,
                PostalCode = Discloses(DataElement.RegistrantPostalCode, contact.PostalCode is not null) ? contact.PostalCode : null,
                Phone = phone ? contact.Phone : null,
                PhoneExt = DisclosesExtension(DataElement.RegistrantPhoneExt, contact.PhoneExt is not null, phone) ? contact.PhoneExt : null,
                Fax = fax ? contact.Fax : null,
                FaxExt = DisclosesExtension(DataElement.RegistrantFaxExt, contact.FaxExt is not null, fax) ? contact.FaxExt : null,
                Email = Discloses(DataElement.RegistrantEmail, contact.Email is not null) ? contact.Email : null,
            };
        }

        public Contact? Tech(Contact? contact)
        {
            if (contact is null)
                return null;
            var phone = Discloses(DataElement.TechPhone, contact.Phone is not null);
            return new Contact
            {
                // The Profile publishes only ID, name, phone and email of a technical contact (RP 2024 §2.7.6).
                Handle = Discloses(DataElement.RegistryTechId, contact.Handle is not null) ? contact.Handle : null,
                Name = Discloses(DataElement.TechName, contact.Name is not null) ? contact.Name : null,
                Phone = phone ? contact.Phone : null,
                PhoneExt = DisclosesExtension(DataElement.TechPhoneExt, contact.PhoneExt is not null, phone) ? contact.PhoneExt : null,
                Email = Discloses(DataElement.TechEmail, contact.Email is not null) ? contact.Email : null,
            };
        }

        private bool Discloses(DataElement element, bool present) => DisclosesExtension(element, present, numberDisclosed: true);

        // An extension goes with its number: withheld whenever the number is.
        private bool DisclosesExtension(DataElement element, bool present, bool numberDisclosed)
        {
            if (!present)
                return true;
            if (numberDisclosed && request.Discloses(element))
                return true;
            _redactions.Add(new Redaction(element, MethodFor(element)));
            return false;
        }
    }
}
