using System.Net;
using System.Text.Json.Nodes;
using Rds.Registrations;
using Rds.Tests.Infrastructure;
using Rds.Tests.Rdap;

namespace Rds.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class NameserverLookupTests(ClusterFixture fixture)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    private Task StoreAsync(string domain, params Nameserver[] nameservers) =>
        fixture.PutAsync(SampleRecords.Full(domain) with { Nameservers = [.. nameservers] });

    private static string[] Strings(JsonNode? array) => array is null ? [] : [.. array.AsArray().Select(n => n!.GetValue<string>())];

    [Fact]
    public async Task A_nameserver_lookup_answers_a_schema_valid_nameserver_with_its_glue()
    {
        var host = $"ns1.{Unique("lookup")}.example";
        await StoreAsync(SampleRecords.UniqueName("delegating"), new Nameserver { Name = host, Ipv4 = ["192.0.2.53"], Ipv6 = ["2001:db8::53"] });

        var (response, body) = await fixture.Http.GetRdapAsync($"/rdap/nameserver/{host}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RdapSchemaValidator.Instance.AssertValid(body, RdapObjectKind.Nameserver);
        Assert.Equal("nameserver", body["objectClassName"]!.GetValue<string>());
        Assert.Equal(host, body["ldhName"]!.GetValue<string>());
        Assert.Null(body["unicodeName"]);
        Assert.Null(body["handle"]);
        Assert.Equal(["192.0.2.53"], Strings(body["ipAddresses"]!["v4"]));
        Assert.Equal(["2001:db8::53"], Strings(body["ipAddresses"]!["v6"]));
        Assert.Equal(["active", "associated"], Strings(body["status"]));
        Assert.Contains("icann_rdap_response_profile_1", Strings(body["rdapConformance"]));
        Assert.Contains("icann_rdap_technical_implementation_guide_1", Strings(body["rdapConformance"]));
        Assert.Equal($"{fixture.GatewayAddress.ToString().TrimEnd('/')}/rdap/nameserver/{host}", body["links"]![0]!["href"]!.GetValue<string>());
        Assert.Equal("self", body["links"]![0]!["rel"]!.GetValue<string>());
        Assert.NotNull(body.EventDate("last update of RDAP database"));
        Assert.Equal("terms-of-service", body.Notice("Terms of Use")["links"]![0]!["rel"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_link_a_domain_gives_for_its_nameserver_answers()
    {
        var domain = SampleRecords.UniqueName("linked");
        var host = $"ns1.{Unique("linked")}.example";
        await StoreAsync(domain, new Nameserver { Name = host });

        var (_, body) = await fixture.Http.GetRdapAsync($"/rdap/domain/{domain}");
        var link = body["nameservers"]![0]!["links"]![0]!["href"]!.GetValue<string>();
        var (response, nameserver) = await fixture.Http.GetRdapAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(host, nameserver["ldhName"]!.GetValue<string>());
        Assert.Null(nameserver["ipAddresses"]);
        RdapSchemaValidator.Instance.AssertValid(nameserver, RdapObjectKind.Nameserver);
    }

    [Theory]
    [InlineData("NS1.{0}.XN--BCHER-KVA.EXAMPLE")]
    [InlineData("ns1.{0}.bücher.example")]
    [InlineData("Ns1.{0}.Bücher.Example.")]
    [InlineData("ns1.{0}.xn--bcher-kva.example.")]
    public async Task An_idn_nameserver_is_found_in_either_form_any_case_with_a_trailing_dot(string form)
    {
        var label = Unique("idn");
        var host = $"ns1.{label}.xn--bcher-kva.example";
        await StoreAsync(SampleRecords.UniqueName("idnuser"), new Nameserver { Name = host, Ipv4 = ["192.0.2.54"] });

        var (response, body) = await fixture.Http.GetRdapAsync($"/rdap/nameserver/{Uri.EscapeDataString(string.Format(form, label.ToUpperInvariant()))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(host, body["ldhName"]!.GetValue<string>());
        Assert.Equal($"ns1.{label}.bücher.example", body["unicodeName"]!.GetValue<string>());
        RdapSchemaValidator.Instance.AssertValid(body, RdapObjectKind.Nameserver);
    }

    [Fact]
    public async Task The_glue_of_the_domain_a_nameserver_is_in_wins_over_other_domains_glue()
    {
        var zone = $"{Unique("zone")}.example";
        var host = $"ns1.{zone}";
        await StoreAsync(zone, new Nameserver { Name = host, Ipv4 = ["192.0.2.55"] });
        await StoreAsync(SampleRecords.UniqueName("aaa"), new Nameserver { Name = host, Ipv4 = ["198.51.100.55"] });

        var (_, body) = await fixture.Http.GetRdapAsync($"/rdap/nameserver/{host}");

        Assert.Equal(["192.0.2.55"], Strings(body["ipAddresses"]!["v4"]));
        Assert.Contains("glue of the registered domain", body["remarks"]![0]!["description"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_nameserver_no_registered_domain_uses_is_404_and_becomes_so_when_its_last_domain_goes()
    {
        var host = $"ns1.{Unique("gone")}.example";
        var domain = SampleRecords.UniqueName("going");
        await StoreAsync(domain, new Nameserver { Name = host });
        Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync($"/rdap/nameserver/{host}")).StatusCode);

        using var deleted = await fixture.Operator.DeleteAsync($"/admin/domains/{domain}?deletedAt=2030-01-01T00:00:00Z");
        Assert.True(deleted.IsSuccessStatusCode);

        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameserver/{host}"), HttpStatusCode.NotFound);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameserver/ns1.{Unique("never")}.example"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("a_b.example")]
    [InlineData("ns1..example")]
    [InlineData("-ns1.example")]
    [InlineData("ns1.xn--bcher-kva.bücher.example")]
    [InlineData("ns1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example")]
    [InlineData("ns1.example..")]
    [InlineData("")]
    public async Task An_invalid_nameserver_name_is_400_with_the_reason(string name)
    {
        var body = await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameserver/{Uri.EscapeDataString(name)}"), HttpStatusCode.BadRequest);

        Assert.Equal(2, body["description"]!.AsArray().Count);
    }

    [Fact]
    public async Task Head_answers_like_get_without_a_body()
    {
        var host = $"ns1.{Unique("head")}.example";
        await StoreAsync(SampleRecords.UniqueName("headuser"), new Nameserver { Name = host, Ipv4 = ["192.0.2.56"] });

        using var get = await fixture.Http.GetAsync($"/rdap/nameserver/{host}");
        using var head = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/rdap/nameserver/{host}"));
        using var headMissing = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/rdap/nameserver/ns1.{Unique("nohead")}.example"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/rdap+json", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, headMissing.StatusCode);
        Assert.Empty(await headMissing.Content.ReadAsByteArrayAsync());
    }
}
