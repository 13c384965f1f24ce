using System.Collections;
using System.Collections.Immutable;
using Rds.Registrations;

namespace Rds.Tools.Generation;

/// <summary>
/// A deterministic synthetic registry: the same seed and count always give the same records in the same order.
/// Records are produced lazily, one at a time, so any count can be streamed; only the campaign plan, the
/// registrars and a cache of provider nameserver sets stay in memory. Enumerating twice gives the same sequence.
/// </summary>
internal sealed class SyntheticRegistry : IEnumerable<RegistrationRecord>
{
    /// <summary>The fixed "now" of every generated registry: no record is created or updated after it.</summary>
    public static readonly DateTimeOffset Snapshot = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Share of ordinary names that are IDNs.</summary>
    private const double IdnShare = 0.06;

    public SyntheticRegistry(ulong seed, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Seed = seed;
        Count = count;
        Campaigns = CampaignPlanner.Plan(seed, count, Snapshot);
    }

    public ulong Seed { get; }

    public long Count { get; }

    /// <summary>The planted abuse campaigns: the ground truth for pivot and reputation tests.</summary>
    public ImmutableArray<PlantedCampaign> Campaigns { get; }

    public IEnumerator<RegistrationRecord> GetEnumerator() => Generate().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<RegistrationRecord> Generate()
    {
        var random = SplitMix64.Derive(Seed, GenerationStreams.Records, 0);
        var generator = new RecordFactory(
            random,
            new DomainNamer(Seed),
            new ContactFactory(Seed),
            new HostingProviders(Seed, Count),
            IndividualCount: Math.Max(16, Count / 2),
            CompanyCount: (int)Math.Min(int.MaxValue, Math.Max(8, Count / 50)));
        var remainingByCampaign = Campaigns.Select(campaign => campaign.Size).ToArray();
        long remainingCampaignMembers = remainingByCampaign.Sum();
        long ordinaryOrdinal = 0;
        long idnOrdinal = 0;

        for (long position = 0; position < Count; position++)
        {
            // Campaign members are spread over the file with probability remaining members / remaining records,
            // which places every planned member exactly once.
            if (random.NextLong(Count - position) < remainingCampaignMembers)
            {
                var index = PickCampaign(random, remainingByCampaign, remainingCampaignMembers);
                var campaign = Campaigns[index];
                var member = campaign.Size - remainingByCampaign[index];
                remainingByCampaign[index]--;
                remainingCampaignMembers--;
                yield return generator.CampaignMember(position, campaign, member, CampaignIdentity(index));
            }
            else if (random.Chance(IdnShare))
            {
                yield return generator.Ordinary(position, idnOrdinal++, idn: true);
            }
            else
            {
                yield return generator.Ordinary(position, ordinaryOrdinal++, idn: false);
            }
        }
    }

    /// <summary>The fixed registrant name a campaign uses where its registrant does not rotate.</summary>
    private (string First, string Last) CampaignIdentity(int campaignIndex)
    {
        var random = SplitMix64.Derive(Seed, GenerationStreams.Campaigns, (ulong)campaignIndex + 1);
        return (random.Pick(Vocabulary.FirstNames), random.Pick(Vocabulary.LastNames));
    }

    private static int PickCampaign(SplitMix64 random, int[] remainingByCampaign, long remainingTotal)
    {
        var target = random.NextLong(remainingTotal);
        for (var index = 0; index < remainingByCampaign.Length; index++)
        {
            target -= remainingByCampaign[index];
            if (target < 0)
            {
                return index;
            }
        }

        throw new InvalidOperationException("No campaign member remains to be placed.");
    }
}
