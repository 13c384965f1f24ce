using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Rds.Registrations;

namespace Rds.Tools.Generation;

/// <summary>
/// Builds contacts from a pool number alone, so pools of hundreds of thousands of contacts need no memory:
/// the same number always gives the same contact, which is how a contact recurs across domains.
/// </summary>
internal sealed class ContactFactory(ulong seed)
{
    /// <summary>The privacy/proxy service that fronts a large share of domains: one email, one organisation.</summary>
    public static readonly Contact PrivacyProxy = new()
    {
        Handle = "PRIVACY1-EXAMPLE",
        Name = "Redacted for Privacy",
        Organization = "Privacy Proxy Service Ltd",
        Street = ["PO Box 100", "1 Proxy Plaza"],
        City = "Reykjavik",
        PostalCode = "101",
        CountryCode = "IS",
        Phone = "+354.5550100",
        Email = "privacy@proxy-service.example",
    };

    /// <summary>Share of individuals whose mailbox name has <c>/</c>, <c>#</c> or <c>?</c>: legal (RFC 5322 atext) but forbidden in Azure Table keys.</summary>
    private const double TableKeyHostileEmailShare = 0.015;

    public Contact Individual(long number)
    {
        var random = SplitMix64.Derive(seed, GenerationStreams.Individuals, (ulong)number);
        var first = random.Pick(Vocabulary.FirstNames);
        var last = random.Pick(Vocabulary.LastNames);
        var mailbox = random.Chance(TableKeyHostileEmailShare)
            ? $"{first}/{last}#{number}?home"
            : $"{first}.{last}{number}";
        return Person(random, $"C{number + 1}-EXAMPLE", first, last, organization: null, mailbox.ToLowerInvariant() + "@" + random.Pick(Vocabulary.MailDomains));
    }

    public Contact Company(long number)
    {
        var random = SplitMix64.Derive(seed, GenerationStreams.Companies, (ulong)number);
        var adjective = random.Pick(Vocabulary.Adjectives);
        var noun = random.Pick(Vocabulary.Nouns);
        var organization = $"{Capitalise(adjective)} {Capitalise(noun)} {random.Pick(Vocabulary.CompanyForms)}";
        var email = $"hostmaster@{adjective}{noun}-{number + 1}.example";
        return Person(random, $"ORG{number + 1}-EXAMPLE", random.Pick(Vocabulary.FirstNames), random.Pick(Vocabulary.LastNames), organization, email);
    }

    /// <summary>An IT-services contact that registrars and agencies put as technical contact for their customers.</summary>
    public Contact TechnicalService(int number)
    {
        var random = SplitMix64.Derive(seed, GenerationStreams.TechContacts, (ulong)number);
        var noun = random.Pick(Vocabulary.Nouns);
        var organization = $"{Capitalise(noun)} IT Services {random.Pick(Vocabulary.CompanyForms)}";
        var email = $"dns-admin@{noun}-it-{number + 1}.test";
        return Person(random, $"TECH{number + 1}-EXAMPLE", random.Pick(Vocabulary.FirstNames), random.Pick(Vocabulary.LastNames), organization, email) with
        {
            Name = "Technical Department",
        };
    }

    /// <summary>A person at a random address; the caller decides handle, organisation, email and (optionally) phone.</summary>
    public static Contact Person(SplitMix64 random, string handle, string first, string last, string? organization, string email, string? phone = null)
    {
        var locality = random.Pick(Vocabulary.Localities);
        var street = ImmutableArray.CreateBuilder<string>();
        street.Add($"{random.Between(1, 250)} {random.Pick(Vocabulary.StreetNames)} {random.Pick(Vocabulary.StreetKinds)}");
        if (random.Chance(0.2))
        {
            street.Add($"Suite {random.Between(1, 40)}");
        }

        return new Contact
        {
            Handle = handle,
            Name = $"{first} {last}",
            Organization = organization,
            Street = street.ToImmutable(),
            City = locality.City,
            Region = locality.Region,
            PostalCode = PostalCode(random, locality.PostalPattern),
            CountryCode = locality.CountryCode,
            Phone = phone ?? Phone(random, locality),
            PhoneExt = random.Chance(0.1) ? random.Between(10, 999).ToString(CultureInfo.InvariantCulture) : null,
            Fax = random.Chance(0.15) ? Phone(random, locality) : null,
            Email = email,
        };
    }

    /// <summary>E.164a (<c>+CC.NUMBER</c>); North American numbers use the fictitious 555-01XX block.</summary>
    public static string Phone(SplitMix64 random, Locality locality) => locality.PhoneCountryCode == "1"
        ? $"+1.{random.Between(201, 989)}55501{random.Between(0, 99):D2}"
        : $"+{locality.PhoneCountryCode}.{random.Between(100_000_000, 999_999_999)}";

    private static string PostalCode(SplitMix64 random, string pattern)
    {
        var code = new StringBuilder(pattern.Length);
        foreach (var character in pattern)
        {
            code.Append(character switch
            {
                '#' => (char)('0' + random.Next(10)),
                'A' => (char)('A' + random.Next(26)),
                _ => character,
            });
        }

        return code.ToString();
    }

    private static string Capitalise(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
