using System.Collections.Immutable;
using Rds.Attributes;
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
        return new DisclosedRegistration { Record = shaped, Redactions = shaper.Redactions, DatabaseUpdatedAt = databaseUpdatedAt, Minted = shaper.Minted };
    }

    /// <summary>RP 2024 Appendix E names the method per element; §2.7.8 requires replacement for emails.</summary>
    public static RedactionMethod MethodFor(DataElement element) => element switch
    {
        DataElement.RegistrantName or DataElement.RegistrantStreet or DataElement.RegistrantCity
            or DataElement.RegistrantPostalCode or DataElement.TechName => RedactionMethod.EmptyValue,
        DataElement.RegistrantEmail or DataElement.TechEmail => RedactionMethod.ReplacementValue,
        _ => RedactionMethod.Removal,
    };

    /// <summary>Shapes the contacts of one record and collects what it withheld or pseudonymised.</summary>
    private sealed class Shaper(DisclosureRequest request)
    {
        private readonly ImmutableArray<Redaction>.Builder _redactions = ImmutableArray.CreateBuilder<Redaction>();
        private readonly ImmutableArray<MintedPseudonym>.Builder _minted = ImmutableArray.CreateBuilder<MintedPseudonym>();

        public ImmutableArray<Redaction> Redactions => _redactions.ToImmutable();

        public ImmutableArray<MintedPseudonym> Minted => _minted.ToImmutable();

        public Contact? Registrant(Contact? contact)
        {
            if (contact is null)
                return null;
            var phone = Shown(DataElement.RegistrantPhone, contact.Phone);
            var fax = Shown(DataElement.RegistrantFax, contact.Fax);
            var street = Shown(DataElement.RegistrantStreet, contact.Street.Length > 0 ? string.Join("\n", contact.Street) : null);
            return contact with
            {
                Handle = Shown(DataElement.RegistryRegistrantId, contact.Handle),
                Name = Shown(DataElement.RegistrantName, contact.Name),
                Street = street is null ? [] : request.Pseudonyms is null ? contact.Street : [street],
                City = Shown(DataElement.RegistrantCity, contact.City),
                PostalCode = Shown(DataElement.RegistrantPostalCode, contact.PostalCode),
                Phone = phone,
                PhoneExt = Shown(DataElement.RegistrantPhoneExt, contact.PhoneExt, numberShown: phone is not null),
                Fax = fax,
                FaxExt = Shown(DataElement.RegistrantFaxExt, contact.FaxExt, numberShown: fax is not null),
                Email = Shown(DataElement.RegistrantEmail, contact.Email),
            };
        }

        public Contact? Tech(Contact? contact)
        {
            if (contact is null)
                return null;
            var phone = Shown(DataElement.TechPhone, contact.Phone);
            return new Contact
            {
                // The Profile publishes only ID, name, phone and email of a technical contact (RP 2024 §2.7.6).
                Handle = Shown(DataElement.RegistryTechId, contact.Handle),
                Name = Shown(DataElement.TechName, contact.Name),
                Phone = phone,
                PhoneExt = Shown(DataElement.TechPhoneExt, contact.PhoneExt, numberShown: phone is not null),
                Email = Shown(DataElement.TechEmail, contact.Email),
            };
        }

        // What the answer carries of one element: the value, its pseudonym, or nothing (then a redaction says so).
        // An extension goes with its number: withheld whenever the number is.
        private string? Shown(DataElement element, string? value, bool numberShown = true)
        {
            if (value is null)
                return null;
            if (!numberShown || !request.Discloses(element))
            {
                _redactions.Add(new Redaction(element, MethodFor(element)));
                return null;
            }
            if (request.Pseudonyms is not { } key)
                return value;
            var pseudonym = Pseudonyms.Of(key, element, value);
            _redactions.Add(new Redaction(element, RedactionMethod.ReplacementValue) { PseudonymKeyVersion = key.Version });
            if (DisclosureRequest.KindOf(element) is { } kind && AttributeNormalizer.TryNormalize(kind, value, out var normalized, out _))
                _minted.Add(new MintedPseudonym(pseudonym, normalized));
            return pseudonym;
        }
    }
}
