using Microsoft.Extensions.Options;
using Rds.Gateway.Rdap;
using Rds.Nameservers;
using Rds.Registrars;
using Rds.Registrations;
using Rds.Tests.Rdap;

namespace Rds.Tests.Gateway;

/// <summary>Renderings the cluster tests reach only with large data: partial addresses, truncated searches, bare registrars.</summary>
public sealed class NameserverAndEntityRenderingTests
{
    private static readonly RdapRenderer Renderer = new(Options.Create(new RdapOptions()));
    private static readonly RdapRequestContext Request = new("https://rdap.example/rdap/nameservers?ip=192.0.2.1", "https://rdap.example/rdap");

    private static NameserverView View(string name, long delegating, int read) => new()
    {
        Name = name,
        Ipv4 = ["192.0.2.1"],
        AddressSource = NameserverAddressSource.DelegatingDomains,
        DelegatingDomains = delegating,
        DomainsRead = read,
        DatabaseUpdatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Addresses_read_from_some_of_many_delegating_domains_are_marked_as_a_truncated_object()
    {
        var rendered = Renderer.RenderNameserver(View("ns1.cloud.example", 5_000, 10), Request);

        RdapSchemaValidator.Instance.AssertValid(rendered, RdapObjectKind.Nameserver);
        var remark = rendered["remarks"]![0]!;
        Assert.Equal("object truncated due to excessive load", remark["type"]!.GetValue<string>());
        Assert.Contains("first 10 of the 5000 domains", remark["description"]![0]!.GetValue<string>());
    }

    [Fact]
    public void A_truncated_address_search_says_so_in_a_notice_and_stays_schema_valid()
    {
        var page = new NameserverSearchPage { Results = [View("ns1.cloud.example", 3, 3), View("ns2.cloud.example", 3, 3)], Truncated = true, TotalCount = 2 };

        var rendered = Renderer.RenderNameserverSearch(page, Request, nextUrl: null, pageSize: 50);

        RdapSchemaValidator.Instance.AssertValid(rendered, RdapObjectKind.NameserverSearch);
        var notice = rendered.Notice("Search query truncated");
        Assert.Equal("result set truncated due to excessive load", notice["type"]!.GetValue<string>());
        Assert.Null(rendered["nameserverSearchResults"]![0]!["remarks"]![0]!["type"]);
    }

    [Fact]
    public void A_nameserver_without_addresses_has_no_ip_addresses_member_and_no_remark()
    {
        var rendered = Renderer.RenderNameserver(new NameserverView { Name = "ns1.xn--bcher-kva.example", UnicodeName = "ns1.bücher.example", DelegatingDomains = 1, DomainsRead = 1 }, Request);

        RdapSchemaValidator.Instance.AssertValid(rendered, RdapObjectKind.Nameserver);
        Assert.Null(rendered["ipAddresses"]);
        Assert.Null(rendered["remarks"]);
        Assert.Null(rendered["events"]);
        Assert.Equal("ns1.bücher.example", rendered["unicodeName"]!.GetValue<string>());
    }

    [Fact]
    public void A_registrar_with_nothing_but_a_name_and_an_iana_id_is_a_valid_entity()
    {
        var view = new RegistrarView { Registrar = new Registrar { Name = "Bare Registrar", IanaId = "9999" }, AsOf = DateTimeOffset.UnixEpoch, DatabaseUpdatedAt = DateTimeOffset.UnixEpoch };

        var rendered = Renderer.RenderRegistrar(view, new RdapRequestContext("https://rdap.example/rdap/entity/9999", "https://rdap.example/rdap"));

        RdapSchemaValidator.Instance.AssertValid(rendered, RdapObjectKind.Entity);
        Assert.Equal("https://rdap.example/rdap/entity/9999", rendered["links"]![0]!["href"]!.GetValue<string>());
        Assert.Null(rendered["port43"]);
    }
}
