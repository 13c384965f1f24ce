using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Registrations;

public sealed class RegistrationNormalizerTests
{
    [Fact]
    public void A_valid_record_comes_back_in_stored_form()
    {
        var record = SampleRecords.Full("Bücher.Example.") with
        {
            Statuses = ["client transfer prohibited", "serverDeleteProhibited", "clientTransferProhibited"],
            Nameservers = [new Nameserver { Name = "NS1.Host.Example.", Ipv4 = ["192.0.2.1"], Ipv6 = ["2001:DB8:0:0::1"] }],
            Registrant = SampleRecords.Full("x.example").Registrant! with { CountryCode = "ca" },
            Dnssec = new SecureDns { DelegationSigned = true, DsData = [new DsRecord { KeyTag = 1, Algorithm = 8, DigestType = 2, Digest = "abcdef01" }] },
        };

        var result = RegistrationNormalizer.Normalize(record);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var stored = result.Record!;
        Assert.Equal("xn--bcher-kva.example", stored.DomainName);
        Assert.Equal("bücher.example", stored.UnicodeName);
        Assert.Equal(["clientTransferProhibited", "serverDeleteProhibited"], stored.Statuses.ToArray());
        Assert.Equal("ns1.host.example", stored.Nameservers[0].Name);
        Assert.Equal(["2001:db8::1"], stored.Nameservers[0].Ipv6.ToArray());
        Assert.Equal("CA", stored.Registrant!.CountryCode);
        Assert.Equal("ABCDEF01", stored.Dnssec!.DsData[0].Digest);
    }

    [Theory]
    [InlineData("292\n")]
    [InlineData("292 ")]
    [InlineData("")]
    public void An_iana_id_is_digits_and_nothing_else(string ianaId)
    {
        var record = SampleRecords.Full("iana.example") with { Registrar = SampleRecords.Full("iana.example").Registrar with { IanaId = ianaId } };

        var result = RegistrationNormalizer.Normalize(record);

        Assert.Contains(result.Errors, error => error.StartsWith("registrar.ianaId", StringComparison.Ordinal));
    }

    [Fact]
    public void A_ds_digest_with_a_final_newline_is_refused()
    {
        var record = SampleRecords.Full("digest.example") with
        {
            Dnssec = new SecureDns { DelegationSigned = true, DsData = [new DsRecord { KeyTag = 1, Algorithm = 8, DigestType = 2, Digest = "ABCD\n" }] },
        };

        Assert.Contains(RegistrationNormalizer.Normalize(record).Errors, error => error.StartsWith("dnssec.dsData[0].digest", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_of_a_record_is_reported_at_once()
    {
        var record = SampleRecords.Full("bad_name.example") with
        {
            Statuses = ["flying"],
            Nameservers = [new Nameserver { Name = "ns1.host.example", Ipv4 = ["1.2"], Ipv6 = ["192.0.2.1"] }],
            Registrant = new Contact { Email = "no-at-sign", CountryCode = "Canada", Phone = "call me" },
            Registrar = new Registrar { Name = "R", IanaId = "12a", Url = "ftp://x.example" },
            Dnssec = new SecureDns { DelegationSigned = false, DsData = [new DsRecord { KeyTag = 70000, Digest = "xyz" }] },
        };

        var errors = RegistrationNormalizer.Normalize(record).Errors;

        foreach (var field in new[]
                 {
                     "domainName", "statuses", "nameservers[0].ipv4", "nameservers[0].ipv6", "registrant.email", "registrant.countryCode",
                     "registrant.phone", "registrar.ianaId", "registrar.url", "dnssec: dsData given", "dnssec.dsData[0].keyTag", "dnssec.dsData[0].digest",
                 })
            Assert.Contains(errors, e => e.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void An_email_whose_local_part_holds_characters_azure_keys_forbid_is_valid()
    {
        var record = SampleRecords.Full("keys.example") with { Registrant = new Contact { Email = "a/b#c?d@mail.example" } };

        var result = RegistrationNormalizer.Normalize(record);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("a/b#c?d@mail.example", result.Record!.Registrant!.Email);
    }

    [Fact]
    public void Ok_status_cannot_be_combined()
    {
        var errors = RegistrationNormalizer.Normalize(SampleRecords.Full("ok.example") with { Statuses = ["ok", "clientHold"] }).Errors;
        Assert.Contains(errors, e => e.Contains("'ok' cannot be combined"));
    }

    [Fact]
    public void A_unicode_name_that_is_not_the_domain_is_refused()
    {
        var errors = RegistrationNormalizer.Normalize(SampleRecords.Full("xn--bcher-kva.example") with { UnicodeName = "other.example" }).Errors;
        Assert.Contains(errors, e => e.StartsWith("unicodeName"));
    }

    [Fact]
    public void Duplicate_nameservers_are_refused()
    {
        var record = SampleRecords.Full("dup.example") with
        {
            Nameservers = [new Nameserver { Name = "ns1.host.example" }, new Nameserver { Name = "NS1.HOST.EXAMPLE." }],
        };
        Assert.Contains(RegistrationNormalizer.Normalize(record).Errors, e => e.Contains("listed twice"));
    }

    [Fact]
    public void Over_long_text_and_control_characters_are_refused()
    {
        var record = SampleRecords.Full("text.example") with { Reseller = new string('r', 300), RegistryDomainId = "D1\u0007" };
        var errors = RegistrationNormalizer.Normalize(record).Errors;
        Assert.Contains(errors, e => e.StartsWith("reseller: longer than"));
        Assert.Contains(errors, e => e.StartsWith("registryDomainId: contains a control character"));
    }
}
