using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Rds.Registrations;
using Rds.Tools.Generation;

namespace Rds.Tests.Tools;

public sealed partial class SyntheticRegistryShapeTests(GeneratedRegistryFixture fixture) : IClassFixture<GeneratedRegistryFixture>
{
    private static readonly string[] ReservedTlds = ["example", "test", "invalid", "localhost"];
    private static readonly IdnMapping Idn = new();

    [Fact]
    public void Every_line_deserialises_and_serialises_back_to_the_same_line()
    {
        Assert.Equal(GeneratedRegistryFixture.Count, fixture.Lines.Count);
        foreach (var line in fixture.Lines)
        {
            var record = RegistrationJson.Deserialize(line);
            Assert.NotNull(record);
            Assert.Equal(line, RegistrationJson.Serialize(record));
        }
    }

    [Fact]
    public void Domain_names_are_unique_lower_case_a_labels_under_reserved_tlds()
    {
        Assert.Equal(fixture.Records.Count, fixture.ByName.Count);
        foreach (var record in fixture.Records)
        {
            AssertValidHostName(record.DomainName);
            Assert.Equal(record.DomainName, Idn.GetAscii(record.UnicodeName ?? record.DomainName).ToLowerInvariant());
            if (record.UnicodeName is not null)
            {
                Assert.StartsWith("xn--", record.DomainName, StringComparison.Ordinal);
                Assert.Equal(record.UnicodeName, Idn.GetUnicode(record.DomainName));
            }
        }

        Assert.Contains(fixture.Records, record => record.UnicodeName is not null && record.UnicodeName.Any(character => character is >= 'а' and <= 'я'));
        Assert.Contains(fixture.Records, record => record.UnicodeName is not null && record.UnicodeName.Any(character => character > '\u3000'));
    }

    [Fact]
    public void Nameservers_are_reserved_names_with_documentation_addresses()
    {
        var ipv4Ranges = new[] { "192.0.2.", "198.51.100.", "203.0.113." };
        foreach (var nameserver in fixture.Records.SelectMany(record => record.Nameservers))
        {
            AssertValidHostName(nameserver.Name);
            foreach (var address in nameserver.Ipv4)
            {
                Assert.Contains(ipv4Ranges, prefix => address.StartsWith(prefix, StringComparison.Ordinal));
                Assert.Equal(address, IPAddress.Parse(address).ToString());
            }

            foreach (var address in nameserver.Ipv6)
            {
                Assert.StartsWith("2001:db8:", address, StringComparison.Ordinal);
                Assert.Equal(address, IPAddress.Parse(address).ToString());
            }
        }

        var glued = fixture.Records.Where(record => record.Nameservers.Any(nameserver => nameserver.Name.EndsWith("." + record.DomainName, StringComparison.Ordinal))).ToArray();
        Assert.NotEmpty(glued);
        Assert.All(glued, record => Assert.All(record.Nameservers, nameserver => Assert.NotEmpty(nameserver.Ipv4)));
    }

    [Fact]
    public void Three_big_providers_host_about_half_and_the_top_nameserver_a_large_share()
    {
        var domainsByNameserver = fixture.Records
            .SelectMany(record => record.Nameservers.Select(nameserver => (nameserver.Name, record.DomainName)))
            .GroupBy(pair => pair.Name)
            .Select(group => group.Count())
            .OrderDescending()
            .ToArray();
        var topShare = (double)domainsByNameserver[0] / fixture.Records.Count;
        Assert.InRange(topShare, 0.15, 0.35);

        var bigProviderZones = new[] { ".cloudhost.example", ".webfarm.test", ".parking-registrar.example" };
        var onBigProviders = fixture.Records.Count(record =>
            record.Nameservers.Any(nameserver => bigProviderZones.Any(zone => nameserver.Name.EndsWith(zone, StringComparison.Ordinal))));
        Assert.InRange((double)onBigProviders / fixture.Records.Count, 0.40, 0.60);

        // The long tail: many distinct nameservers, most serving only a few domains.
        Assert.True(domainsByNameserver.Length > 500, $"only {domainsByNameserver.Length} distinct nameservers");
    }

    [Fact]
    public void About_a_fifth_of_domains_share_the_privacy_service_contact()
    {
        var privacy = fixture.Records.Count(record => record.Registrant?.Email == ContactFactory.PrivacyProxy.Email);
        Assert.InRange((double)privacy / fixture.Records.Count, 0.16, 0.26);
        Assert.All(
            fixture.Records.Where(record => record.Registrant?.Email == ContactFactory.PrivacyProxy.Email),
            record => Assert.Equal(ContactFactory.PrivacyProxy.Organization, record.Registrant!.Organization));
    }

    [Fact]
    public void Ordinary_contacts_recur_across_a_few_domains()
    {
        var domainsPerHandle = fixture.Records
            .Where(record => record.Registrant?.Handle is { } handle && handle.StartsWith("ORG", StringComparison.Ordinal))
            .GroupBy(record => record.Registrant!.Handle)
            .Select(group => group.Count())
            .ToArray();
        Assert.Contains(domainsPerHandle, count => count >= 3);
    }

    [Fact]
    public void Contacts_are_well_formed_and_some_emails_hold_characters_table_keys_forbid()
    {
        var contacts = fixture.Records.SelectMany(record => new[] { record.Registrant, record.Tech }).OfType<Contact>().ToArray();
        foreach (var contact in contacts)
        {
            Assert.Matches(HandlePattern(), contact.Handle!);
            Assert.Matches(E164aPattern(), contact.Phone!);
            Assert.Matches("^[A-Z]{2}$", contact.CountryCode!);
            var email = contact.Email!;
            var domain = email[(email.LastIndexOf('@') + 1)..];
            Assert.Contains(domain.Split('.')[^1], ReservedTlds);
        }

        Assert.Contains(contacts, contact => contact.Email!.IndexOfAny(['/', '#', '?']) >= 0);
        Assert.Contains(contacts, contact => contact.Organization is null);
        Assert.Contains(contacts, contact => contact.Fax is not null);
        Assert.Contains(contacts, contact => contact.PhoneExt is not null);
    }

    [Fact]
    public void Registrars_come_from_a_pool_of_twenty_with_abuse_contacts()
    {
        var registrars = fixture.Records.Select(record => record.Registrar).Distinct().ToArray();
        Assert.Equal(20, registrars.Length);
        Assert.All(registrars, registrar =>
        {
            Assert.Matches("^[0-9]+$", registrar.IanaId!);
            Assert.Matches(E164aPattern(), registrar.AbusePhone!);
            Assert.EndsWith(".example", registrar.AbuseEmail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Statuses_dates_and_dnssec_are_consistent()
    {
        foreach (var record in fixture.Records)
        {
            Assert.NotEmpty(record.Statuses);
            Assert.True(!record.Statuses.Contains("ok") || record.Statuses.Length == 1, $"{record.DomainName}: ok combined with other statuses");
            Assert.True(record.CreationDate <= record.UpdatedDate, record.DomainName);
            Assert.True(record.UpdatedDate <= SyntheticRegistry.Snapshot, record.DomainName);
            Assert.True(record.RegistryExpiryDate > record.CreationDate, record.DomainName);
            Assert.Matches(RegistryDomainIdPattern(), record.RegistryDomainId!);
            if (record.Dnssec is { } dnssec)
            {
                Assert.True(dnssec.DelegationSigned);
                var ds = Assert.Single(dnssec.DsData);
                Assert.Contains(ds.Algorithm, new[] { 8, 13 });
                Assert.Equal(2, ds.DigestType);
                Assert.Matches("^[0-9A-F]{64}$", ds.Digest);
            }
        }

        var signedShare = (double)fixture.Records.Count(record => record.Dnssec is not null) / fixture.Records.Count;
        Assert.InRange(signedShare, 0.10, 0.18);
    }

    [Fact]
    public void Every_planted_campaign_is_large_enough_present_and_shares_its_stated_attributes()
    {
        var campaigns = fixture.Registry.Campaigns;
        Assert.NotEmpty(campaigns);
        Assert.Contains(campaigns, campaign => campaign.Kind == CampaignKind.RotatingEmailsSharedOrganization || campaign.Kind == CampaignKind.RotatingEmailsSharedPhone);
        Assert.InRange(campaigns.Sum(campaign => campaign.Size), GeneratedRegistryFixture.Count / 20, GeneratedRegistryFixture.Count / 12);

        foreach (var campaign in campaigns)
        {
            Assert.InRange(campaign.Size, CampaignPlanner.MinimumSize, CampaignPlanner.MaximumSize);
            var linking = campaign.Emails.Length == 1 || campaign.Organizations.Length == 1 || campaign.Phones.Length == 1 || campaign.Nameservers.Length > 0;
            Assert.True(linking, $"{campaign.Id} has no attribute shared by all its domains");

            var domains = campaign.DomainNames.ToArray();
            Assert.Equal(campaign.Size, domains.Distinct().Count());
            foreach (var domain in domains)
            {
                Assert.True(fixture.ByName.TryGetValue(domain, out var record), $"{campaign.Id}: {domain} is not in the file");
                var registrant = record.Registrant!;
                if (!campaign.Emails.IsEmpty)
                {
                    Assert.Contains(registrant.Email, campaign.Emails);
                }

                if (!campaign.Organizations.IsEmpty)
                {
                    Assert.Contains(registrant.Organization, campaign.Organizations);
                }

                if (!campaign.Phones.IsEmpty)
                {
                    Assert.Contains(registrant.Phone, campaign.Phones);
                }

                var names = record.Nameservers.Select(nameserver => nameserver.Name).ToHashSet();
                Assert.All(campaign.Nameservers, nameserver => Assert.Contains(nameserver.Name, names));
                Assert.InRange(record.CreationDate!.Value, campaign.Start, campaign.Start + campaign.Spread + TimeSpan.FromMinutes(10));
            }
        }
    }

    [Fact]
    public void Truth_file_lists_each_campaign_with_its_domains()
    {
        using var stream = new MemoryStream();
        RegistryFileWriter.WriteTruth(fixture.Registry, stream);
        stream.Position = 0;
        using var truth = System.Text.Json.JsonDocument.Parse(stream);
        var campaigns = truth.RootElement.GetProperty("campaigns").EnumerateArray().ToArray();

        Assert.Equal(fixture.Registry.Campaigns.Length, campaigns.Length);
        var first = fixture.Registry.Campaigns[0];
        Assert.Equal(first.Id, campaigns[0].GetProperty("id").GetString());
        Assert.Equal(first.DomainNames, campaigns[0].GetProperty("domains").EnumerateArray().Select(domain => domain.GetString()));
        Assert.Equal(first.Emails, campaigns[0].GetProperty("emails").EnumerateArray().Select(email => email.GetString()));
    }

    private static void AssertValidHostName(string name)
    {
        Assert.Equal(name, name.ToLowerInvariant());
        Assert.False(name.EndsWith('.'), name);
        Assert.Contains(name.Split('.')[^1], ReservedTlds);
        Assert.True(name.Length <= 253, name);
        Assert.All(name.Split('.'), label => Assert.Matches(LdhLabelPattern(), label));
    }

    [GeneratedRegex("^(?!-)[a-z0-9-]{1,63}(?<!-)$")]
    private static partial Regex LdhLabelPattern();

    [GeneratedRegex(@"^\+[0-9]{1,3}\.[0-9]{4,14}$")]
    private static partial Regex E164aPattern();

    [GeneratedRegex("^[A-Za-z0-9_]{1,80}-[A-Za-z0-9]{1,8}$")]
    private static partial Regex HandlePattern();

    [GeneratedRegex("^D[0-9]+_DOMAIN-(EXAMPLE|TEST)$")]
    private static partial Regex RegistryDomainIdPattern();
}
