using Rds.Disclosure;
using Rds.Grains.Nameservers;
using Rds.Nameservers;
using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Nameservers;

public sealed class NameserverGlueTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Earlier.AddDays(1);

    private static DisclosedRegistration Delegating(string domain, DateTimeOffset storedAt, params Nameserver[] nameservers) => new()
    {
        Record = SampleRecords.Full(domain) with { Nameservers = [.. nameservers] },
        DatabaseUpdatedAt = storedAt,
    };

    [Fact]
    public void A_host_can_be_in_domain_of_itself_and_of_its_parents_down_to_two_labels()
    {
        Assert.Equal(["ns1.a.host.example", "a.host.example", "host.example"], NameserverGlue.Superordinates("ns1.a.host.example").ToArray());
        Assert.Equal(["host.example"], NameserverGlue.Superordinates("host.example").ToArray());
        Assert.Empty(NameserverGlue.Superordinates("localhost").ToArray());
    }

    [Fact]
    public void The_glue_of_the_domain_a_host_is_in_wins_over_what_other_domains_give()
    {
        var host = new Nameserver { Name = "ns1.host.example", Ipv4 = ["192.0.2.10"] };
        var parent = Delegating("host.example", Earlier, host);
        var other = Delegating("other.example", Later, host with { Ipv4 = ["198.51.100.20"] });

        var view = NameserverGlue.View("ns1.host.example", 2, [parent], [parent, other]);

        Assert.Equal(NameserverAddressSource.InDomain, view.AddressSource);
        Assert.Equal(["192.0.2.10"], view.Ipv4.ToArray());
        Assert.Equal(Earlier, view.DatabaseUpdatedAt);
    }

    [Fact]
    public void A_parent_domain_that_gives_no_glue_leaves_the_addresses_to_the_delegating_domains()
    {
        var parent = Delegating("host.example", Earlier, new Nameserver { Name = "ns1.host.example" });
        var other = Delegating("other.example", Later, new Nameserver { Name = "ns1.host.example", Ipv6 = ["2001:db8::53"] });

        var view = NameserverGlue.View("ns1.host.example", 2, [parent], [parent, other]);

        Assert.Equal(NameserverAddressSource.DelegatingDomains, view.AddressSource);
        Assert.Equal(["2001:db8::53"], view.Ipv6.ToArray());
        Assert.Equal(Later, view.DatabaseUpdatedAt);
    }

    [Fact]
    public void Delegating_domains_give_the_union_of_their_glue_in_numeric_order()
    {
        var a = Delegating("a.example", Earlier, new Nameserver { Name = "ns.cloud.example", Ipv4 = ["192.0.2.10", "192.0.2.9"] });
        var b = Delegating("b.example", Earlier, new Nameserver { Name = "ns.cloud.example", Ipv4 = ["192.0.2.9", "198.51.100.1"], Ipv6 = ["2001:db8::10", "2001:db8::9"] });

        var view = NameserverGlue.View("ns.cloud.example", 40, [], [a, b]);

        Assert.Equal(["192.0.2.9", "192.0.2.10", "198.51.100.1"], view.Ipv4.ToArray());
        Assert.Equal(["2001:db8::9", "2001:db8::10"], view.Ipv6.ToArray());
        Assert.Equal(2, view.DomainsRead);
        Assert.Equal(40, view.DelegatingDomains);
    }

    [Fact]
    public void A_name_no_record_gives_glue_for_has_no_addresses()
    {
        var a = Delegating("a.example", Earlier, new Nameserver { Name = "ns.cloud.example" });

        var view = NameserverGlue.View("ns.cloud.example", 1, [], [a]);

        Assert.Equal(NameserverAddressSource.None, view.AddressSource);
        Assert.Empty(view.Ipv4);
        Assert.Empty(view.Ipv6);
    }

    [Fact]
    public void An_idn_host_keeps_its_unicode_name()
    {
        var view = NameserverGlue.View("ns1.xn--bcher-kva.example", 1, [], []);

        Assert.Equal("ns1.bücher.example", view.UnicodeName);
    }

    [Fact]
    public void The_nameservers_with_an_address_are_those_whose_glue_has_it()
    {
        var record = SampleRecords.Full("a.example") with
        {
            Nameservers =
            [
                new Nameserver { Name = "ns1.a.example", Ipv4 = ["192.0.2.1"] },
                new Nameserver { Name = "ns2.a.example", Ipv6 = ["2001:db8::1"] },
                new Nameserver { Name = "ns3.a.example", Ipv4 = ["192.0.2.1"], Ipv6 = ["2001:db8::2"] },
            ],
        };

        Assert.Equal(["ns1.a.example", "ns3.a.example"], NameserverGlue.NamesWithAddress(record, "192.0.2.1"));
        Assert.Equal(["ns2.a.example"], NameserverGlue.NamesWithAddress(record, "2001:db8::1"));
        Assert.Empty(NameserverGlue.NamesWithAddress(record, "::ffff:192.0.2.1"));
    }
}
