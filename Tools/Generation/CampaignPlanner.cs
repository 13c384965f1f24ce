using System.Collections.Immutable;
using System.Globalization;
using Rds.Registrations;

namespace Rds.Tools.Generation;

/// <summary>
/// Plans the abuse campaigns before any record is written: about one domain in sixteen belongs to one, in
/// campaigns of 20 to 500 domains (most near the small end), registered within a few days.
/// </summary>
internal static class CampaignPlanner
{
    public const int MinimumSize = 20;
    public const int MaximumSize = 500;

    private const int CampaignShareDivisor = 16;

    /// <summary>Campaign numbers start here so names look like a bulk registrar's counter (bank1000, bank1001, …).</summary>
    private const long FirstCampaignNumber = 1000;

    public static ImmutableArray<PlantedCampaign> Plan(ulong seed, long domainCount, DateTimeOffset snapshot)
    {
        var random = SplitMix64.Derive(seed, GenerationStreams.Campaigns, 0);
        var budget = domainCount / CampaignShareDivisor;
        var campaigns = ImmutableArray.CreateBuilder<PlantedCampaign>();
        var nextNumber = FirstCampaignNumber;
        while (budget >= MinimumSize)
        {
            var u = random.NextDouble();
            var size = (int)Math.Min(budget, MinimumSize + (int)((MaximumSize - MinimumSize) * u * u * u));
            var campaign = Create(random, campaigns.Count, size, nextNumber, snapshot);
            campaigns.Add(campaign);
            nextNumber += size;
            budget -= size;
        }

        return campaigns.ToImmutable();
    }

    private static PlantedCampaign Create(SplitMix64 random, int index, int size, long firstNumber, DateTimeOffset snapshot)
    {
        var id = $"campaign-{index + 1:D4}";
        var kind = (CampaignKind)random.PickWeighted([0.40, 0.65, 0.85, 1.0]);
        var dedicatedNameservers = kind == CampaignKind.PrivacyProxiedSharedNameservers || random.Chance(0.35);
        var stem = random.Chance(0.6)
            ? $"{random.Pick(Vocabulary.ImitatedBrands)}-{random.Pick(Vocabulary.CampaignStems)}"
            : random.Pick(Vocabulary.CampaignStems);
        ImmutableArray<string> tlds = random.Chance(0.5) ? [random.Pick(DomainNamer.Tlds)] : [.. DomainNamer.Tlds];
        var mailDomain = random.Pick(Vocabulary.MailDomains);
        var campaignNumber = (index + 1).ToString(CultureInfo.InvariantCulture);
        var locality = random.Pick(Vocabulary.Localities);

        ImmutableArray<string> emails = kind switch
        {
            CampaignKind.SharedEmail => [SharedEmail(random, campaignNumber, mailDomain)],
            CampaignKind.PrivacyProxiedSharedNameservers => [],
            _ => [.. Enumerable.Range(1, random.Between(3, 12)).Select(n => $"{random.Pick(Vocabulary.FirstNames).ToLowerInvariant()}{campaignNumber}x{n}@{random.Pick(Vocabulary.MailDomains)}")],
        };
        var organization = $"{random.Pick(Vocabulary.ImitatedBrands)} Verification Services {random.Pick(Vocabulary.CompanyForms)}";
        ImmutableArray<string> organizations = kind switch
        {
            CampaignKind.RotatingEmailsSharedOrganization => [organization],
            CampaignKind.SharedEmail when random.Chance(0.5) => [organization],
            _ => [],
        };
        ImmutableArray<string> phones = kind is CampaignKind.SharedEmail or CampaignKind.RotatingEmailsSharedPhone
            ? [ContactFactory.Phone(random, locality)]
            : [];

        return new PlantedCampaign
        {
            Id = id,
            Kind = kind,
            Size = size,
            Stem = stem,
            FirstNumber = firstNumber,
            Tlds = tlds,
            Emails = emails,
            Organizations = organizations,
            Phones = phones,
            Nameservers = dedicatedNameservers ? DedicatedNameservers(random, campaignNumber) : [],
            Registrar = RegistrarPool.All[random.Pick(RegistrarPool.FavouredByAbusers)],
            Start = snapshot.AddDays(-random.Between(10, 700)).AddSeconds(random.Next(86_400)),
            Spread = TimeSpan.FromHours(random.Between(6, 5 * 24)),
        };
    }

    /// <summary>A throwaway mailbox; one campaign in eight uses one with characters Azure Table keys forbid.</summary>
    private static string SharedEmail(SplitMix64 random, string campaignNumber, string mailDomain) => random.Chance(0.125)
        ? $"ops/{campaignNumber}#bulk?reg@{mailDomain}"
        : $"{random.Pick(Vocabulary.LastNames).ToLowerInvariant()}.domains{campaignNumber}@{mailDomain}";

    private static ImmutableArray<Nameserver> DedicatedNameservers(SplitMix64 random, string campaignNumber)
    {
        var zone = $"{random.Pick(Vocabulary.Adjectives)}-dns{campaignNumber}.{random.Pick(DomainNamer.Tlds)}";
        var address = DocumentationAddresses.Ipv4(random.NextUInt64());
        return [.. Enumerable.Range(1, 2).Select(number => new Nameserver { Name = $"ns{number}.{zone}", Ipv4 = [address] })];
    }
}
