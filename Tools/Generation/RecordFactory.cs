using System.Buffers.Binary;
using System.Collections.Immutable;
using Rds.Registrations;

namespace Rds.Tools.Generation;

/// <summary>
/// Makes one record at a time from the registry's single random sequence, so the order of draws (and thus the
/// output) depends only on the seed. Kept apart from <see cref="SyntheticRegistry"/> so the enumeration loop stays readable.
/// </summary>
internal sealed record RecordFactory(
    SplitMix64 Random,
    DomainNamer Namer,
    ContactFactory Contacts,
    HostingProviders Providers,
    long IndividualCount,
    int CompanyCount)
{
    private const double PrivacyShare = 0.20;
    private const double CompanyShare = 0.25;
    private const double SelfHostedShare = 0.08;
    private const double DnssecShare = 0.15;
    private const double ResellerShare = 0.08;
    private const int TechnicalServiceCount = 40;
    private const int OldestDomainAgeDays = 9_000;

    private static DateTimeOffset Snapshot => SyntheticRegistry.Snapshot;

    public RegistrationRecord Ordinary(long position, long ordinal, bool idn)
    {
        var tld = Random.Chance(0.6) ? "example" : "test";
        string name;
        string? unicodeName = null;
        if (idn)
        {
            var (aLabel, uLabel) = DomainNamer.IdnLabel(ordinal, Random.Pick(Vocabulary.IdnWords));
            name = $"{aLabel}.{tld}";
            unicodeName = $"{uLabel}.{tld}";
        }
        else
        {
            name = $"{Namer.OrdinaryLabel(ordinal)}.{tld}";
        }

        var registrant = Registrant();
        var tech = Tech(registrant);
        var nameservers = Random.Chance(SelfHostedShare)
            ? HostingProviders.SelfHosted(name, Random)
            : Providers.Nameservers(Providers.PickProvider(Random));
        var statuses = OrdinaryStatuses();
        var created = Snapshot.AddDays(-1 - Random.Skewed(OldestDomainAgeDays, 2)).AddSeconds(-Random.Next(86_400));
        var expiry = created.AddYears((int)((Snapshot - created).TotalDays / 365.25) + 1 + (Random.Chance(0.3) ? 1 : 0));
        return new RegistrationRecord
        {
            DomainName = name,
            UnicodeName = unicodeName,
            RegistryDomainId = RegistryDomainId(position, tld),
            Registrar = RegistrarPool.Pick(Random),
            Reseller = Random.Chance(ResellerShare) ? Random.Pick(Vocabulary.ResellerNames) : null,
            Statuses = statuses,
            CreationDate = created,
            UpdatedDate = UpdatedAfter(created),
            RegistryExpiryDate = expiry,
            RegistrarExpirationDate = Random.Chance(0.5) ? expiry : null,
            Registrant = registrant,
            Tech = tech,
            Nameservers = nameservers,
            Dnssec = Random.Chance(DnssecShare) ? SignedDelegation() : null,
        };
    }

    public RegistrationRecord CampaignMember(long position, PlantedCampaign campaign, int member, (string First, string Last) identity)
    {
        var name = campaign.DomainName(member);
        var tld = name[(name.LastIndexOf('.') + 1)..];
        var registrant = CampaignRegistrant(campaign, member, identity);
        var nameservers = campaign.Nameservers.IsEmpty
            ? Providers.Nameservers(Providers.PickProvider(Random))
            : campaign.Nameservers;
        var created = campaign.Start
            .AddSeconds((long)campaign.Spread.TotalSeconds * member / campaign.Size)
            .AddSeconds(Random.Next(600));
        var expiry = created.AddYears(1);
        return new RegistrationRecord
        {
            DomainName = name,
            RegistryDomainId = RegistryDomainId(position, tld),
            Registrar = campaign.Registrar,
            Statuses = CampaignStatuses(),
            CreationDate = created,
            UpdatedDate = UpdatedAfter(created),
            RegistryExpiryDate = expiry,
            RegistrarExpirationDate = expiry,
            Registrant = registrant,
            Tech = registrant,
            Nameservers = nameservers,
        };
    }

    private Contact Registrant()
    {
        var draw = Random.NextDouble();
        if (draw < PrivacyShare)
        {
            return ContactFactory.PrivacyProxy;
        }

        return draw < PrivacyShare + CompanyShare
            ? Contacts.Company(Random.Skewed(CompanyCount, 2))
            : Contacts.Individual(Random.NextLong(IndividualCount));
    }

    private Contact Tech(Contact registrant)
    {
        var draw = Random.NextDouble();
        if (ReferenceEquals(registrant, ContactFactory.PrivacyProxy))
        {
            return draw < 0.8 ? registrant : Contacts.TechnicalService(Random.Skewed(TechnicalServiceCount, 2));
        }

        return draw switch
        {
            < 0.55 => registrant,
            < 0.80 => Contacts.TechnicalService(Random.Skewed(TechnicalServiceCount, 2)),
            _ => Contacts.Individual(Random.NextLong(IndividualCount)),
        };
    }

    private Contact CampaignRegistrant(PlantedCampaign campaign, int member, (string First, string Last) identity)
    {
        if (campaign.Kind == CampaignKind.PrivacyProxiedSharedNameservers)
        {
            return ContactFactory.PrivacyProxy;
        }

        var (first, last) = campaign.Kind == CampaignKind.SharedEmail
            ? identity
            : (Random.Pick(Vocabulary.FirstNames), Random.Pick(Vocabulary.LastNames));
        var organization = campaign.Organizations.IsEmpty
            ? (Random.Chance(0.3) ? $"{Random.Pick(Vocabulary.LastNames)} Trading {Random.Pick(Vocabulary.CompanyForms)}" : null)
            : campaign.Organizations[0];
        var email = campaign.Emails[Random.Next(campaign.Emails.Length)];
        var phone = campaign.Phones.IsEmpty ? null : campaign.Phones[0];
        return ContactFactory.Person(Random, campaign.MemberHandle(member), first, last, organization, email, phone);
    }

    private ImmutableArray<string> OrdinaryStatuses() => Random.NextDouble() switch
    {
        < 0.22 => ["ok"],
        < 0.62 => ["clientTransferProhibited"],
        < 0.87 => ["clientDeleteProhibited", "clientTransferProhibited", "clientUpdateProhibited"],
        < 0.93 => ["clientDeleteProhibited", "clientTransferProhibited", "clientUpdateProhibited", "serverDeleteProhibited", "serverTransferProhibited", "serverUpdateProhibited"],
        < 0.96 => ["clientHold", "clientTransferProhibited"],
        < 0.975 => ["serverHold"],
        < 0.99 => ["pendingDelete"],
        _ => ["pendingTransfer"],
    };

    /// <summary>Abusive domains are often suspended (hold) or already being deleted.</summary>
    private ImmutableArray<string> CampaignStatuses() => Random.NextDouble() switch
    {
        < 0.45 => ["ok"],
        < 0.60 => ["clientTransferProhibited"],
        < 0.80 => ["clientHold"],
        < 0.93 => ["serverHold"],
        _ => ["pendingDelete"],
    };

    private DateTimeOffset UpdatedAfter(DateTimeOffset created) =>
        created.AddSeconds(Random.NextLong((long)(Snapshot - created).TotalSeconds + 1));

    private SecureDns SignedDelegation()
    {
        Span<byte> digest = stackalloc byte[32];
        for (var offset = 0; offset < digest.Length; offset += sizeof(ulong))
        {
            BinaryPrimitives.WriteUInt64BigEndian(digest[offset..], Random.NextUInt64());
        }

        return new SecureDns
        {
            DelegationSigned = true,
            DsData =
            [
                new DsRecord
                {
                    KeyTag = Random.Between(1, 65_535),
                    Algorithm = Random.Chance(0.6) ? 13 : 8,
                    DigestType = 2,
                    Digest = Convert.ToHexString(digest),
                },
            ],
        };
    }

    private static string RegistryDomainId(long position, string tld) => $"D{position + 1}_DOMAIN-{tld.ToUpperInvariant()}";
}
