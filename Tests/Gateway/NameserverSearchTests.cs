using System.Net;
using System.Text.Json.Nodes;
using Rds.Registrations;
using Rds.Tests.Infrastructure;
using Rds.Tests.Rdap;

namespace Rds.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class NameserverSearchTests(ClusterFixture fixture)
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 12)];

    private static string UniqueIpv6() => $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}::{Random.Shared.Next(1, 0xffff):x}";

    /// <summary>Nameservers nsNN.{zone}, one domain each, each giving it the glue <paramref name="address"/>.</summary>
    private async Task<string[]> StoreNameserversAsync(string zone, int count, string? address = null)
    {
        var hosts = Enumerable.Range(0, count).Select(i => $"ns{i:D2}.{zone}").ToArray();
        await StoreHostsAsync(hosts, address);
        return [.. hosts.Order(StringComparer.Ordinal)];
    }

    private async Task StoreHostsAsync(string[] hosts, string? address = null)
    {
        foreach (var host in hosts)
            await fixture.PutAsync(SampleRecords.Full(SampleRecords.UniqueName("nsuser")) with
            {
                Nameservers = [address is null ? new Nameserver { Name = host } : address.Contains(':')
                    ? new Nameserver { Name = host, Ipv6 = [address] }
                    : new Nameserver { Name = host, Ipv4 = [address] }],
            });
    }

    private static string[] Names(JsonObject body) =>
        [.. body["nameserverSearchResults"]!.AsArray().Select(n => n!["ldhName"]!.GetValue<string>())];

    private async Task<(string[] Names, int Pages)> FollowAllPagesAsync(string path)
    {
        var names = new List<string>();
        var pages = 0;
        for (var next = path; next is not null; pages++)
        {
            var (response, body) = await fixture.Http.GetRdapAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            RdapSchemaValidator.Instance.AssertValid(body, RdapObjectKind.NameserverSearch);
            names.AddRange(Names(body));
            next = body["paging_metadata"]?["links"]?[0]?["href"]?.GetValue<string>();
        }
        return ([.. names], pages);
    }

    [Fact]
    public async Task An_ip_search_lists_the_nameservers_with_that_glue_in_schema_valid_pages()
    {
        var address = UniqueIpv6();
        var hosts = await StoreNameserversAsync($"{Unique("ipsearch")}.example", 7, address);
        await StoreNameserversAsync($"{Unique("otherip")}.example", 2, UniqueIpv6());

        var (response, first) = await fixture.Http.GetRdapAsync($"/rdap/nameservers?ip={Uri.EscapeDataString(address.ToUpperInvariant().Replace("::", ":0::"))}&count=true");
        var (all, pages) = await FollowAllPagesAsync($"/rdap/nameservers?ip={Uri.EscapeDataString(address)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RdapSchemaValidator.Instance.AssertValid(first, RdapObjectKind.NameserverSearch);
        Assert.Contains("paging", first["rdapConformance"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(7, first["paging_metadata"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(hosts.Take(ClusterFixture.SearchPageSize), Names(first));
        Assert.Equal(hosts, all);
        Assert.Equal(2, pages);
        Assert.All(first["nameserverSearchResults"]!.AsArray(), n => Assert.Equal(address, n!["ipAddresses"]!["v6"]![0]!.GetValue<string>()));
    }

    [Fact]
    public async Task Search_results_show_exactly_what_a_lookup_shows()
    {
        var address = UniqueIpv6();
        var hosts = await StoreNameserversAsync($"{Unique("same")}.example", 1, address);

        var (_, search) = await fixture.Http.GetRdapAsync($"/rdap/nameservers?ip={Uri.EscapeDataString(address)}");
        var (_, lookup) = await fixture.Http.GetRdapAsync($"/rdap/nameserver/{hosts[0]}");

        var alone = (JsonObject)lookup.DeepClone();
        alone.Remove("rdapConformance");
        alone.Remove("notices");
        var result = (JsonObject)search["nameserverSearchResults"]![0]!.DeepClone();
        alone.Remove("links");
        result.Remove("links");
        Assert.Equal(alone.ToJsonString(), result.ToJsonString());
    }

    [Fact]
    public async Task A_name_search_finds_one_name_and_a_trailing_asterisk_every_name_with_the_prefix()
    {
        var prefix = Unique("pfx");
        var hosts = Enumerable.Range(0, 7).Select(i => $"{prefix}a{i}.example").ToArray();
        await StoreHostsAsync(hosts);
        var outside = $"x{prefix}.example";
        await StoreHostsAsync([outside]);

        var (exact, body) = await fixture.Http.GetRdapAsync($"/rdap/nameservers?name={hosts[3].ToUpperInvariant()}.");
        var (all, pages) = await FollowAllPagesAsync($"/rdap/nameservers?name={prefix}*");
        var (counted, withCount) = await fixture.Http.GetRdapAsync($"/rdap/nameservers?name={prefix.ToUpperInvariant()}*&count=true");

        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);
        Assert.Equal([hosts[3]], Names(body));
        RdapSchemaValidator.Instance.AssertValid(body, RdapObjectKind.NameserverSearch);
        Assert.Equal(hosts, all);
        Assert.Equal(2, pages);
        Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        Assert.Equal(7, withCount["paging_metadata"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_ipv4_mapped_ipv6_address_matches_glue_given_in_that_form_not_ipv4_glue()
    {
        var v4 = $"203.0.113.{Random.Shared.Next(1, 255)}";
        var mappedHost = (await StoreNameserversAsync($"{Unique("mapped")}.example", 1, $"::ffff:{v4}"))[0];
        var plainHost = (await StoreNameserversAsync($"{Unique("plain")}.example", 1, v4))[0];

        var (mapped, mappedBody) = await fixture.Http.GetRdapAsync($"/rdap/nameservers?ip={Uri.EscapeDataString($"::FFFF:{v4}")}");
        var (_, plainBody) = await fixture.Http.GetRdapAsync($"/rdap/nameservers?ip={v4}");

        Assert.Equal(HttpStatusCode.OK, mapped.StatusCode);
        Assert.Contains(mappedHost, Names(mappedBody));
        Assert.DoesNotContain(plainHost, Names(mappedBody));
        Assert.Contains(plainHost, Names(plainBody));
        Assert.DoesNotContain(mappedHost, Names(plainBody));
    }

    [Fact]
    public async Task A_search_that_finds_nothing_is_404_with_an_rdap_error_body()
    {
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameservers?ip={Uri.EscapeDataString(UniqueIpv6())}"), HttpStatusCode.NotFound);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameservers?name={Unique("none")}.example"), HttpStatusCode.NotFound);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameservers?name={Unique("none")}*"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_altered_cursor_or_one_from_another_query_is_400()
    {
        var address = UniqueIpv6();
        await StoreNameserversAsync($"{Unique("cursor")}.example", 6, address);
        var (_, first) = await fixture.Http.GetRdapAsync($"/rdap/nameservers?ip={Uri.EscapeDataString(address)}");
        var next = new Uri(first["paging_metadata"]!["links"]![0]!["href"]!.GetValue<string>());
        var cursor = System.Web.HttpUtility.ParseQueryString(next.Query)["cursor"]!;
        var tampered = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];

        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameservers?ip={Uri.EscapeDataString(address)}&cursor={tampered}"), HttpStatusCode.BadRequest);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameservers?ip=192.0.2.1&cursor={cursor}"), HttpStatusCode.BadRequest);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/domains?nsIp={Uri.EscapeDataString(address)}&cursor={cursor}"), HttpStatusCode.BadRequest);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameservers?ip={Uri.EscapeDataString(address)}&cursor=garbage"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("name=ns*.exa*", HttpStatusCode.UnprocessableEntity)]
    [InlineData("name=*.example", HttpStatusCode.UnprocessableEntity)]
    [InlineData("name=ns1.*.example", HttpStatusCode.UnprocessableEntity)]
    [InlineData("name=**", HttpStatusCode.UnprocessableEntity)]
    [InlineData("name=n*", HttpStatusCode.UnprocessableEntity)]
    [InlineData("name=b%C3%BC*", HttpStatusCode.UnprocessableEntity)]
    [InlineData("name=", HttpStatusCode.BadRequest)]
    [InlineData("name=%20", HttpStatusCode.BadRequest)]
    [InlineData("name=a_b.example", HttpStatusCode.BadRequest)]
    [InlineData("name=ns1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example", HttpStatusCode.BadRequest)]
    [InlineData("name=ns1.xn--bcher-kva.b%C3%BCcher.example", HttpStatusCode.BadRequest)]
    [InlineData("ip=", HttpStatusCode.BadRequest)]
    [InlineData("ip=%20", HttpStatusCode.BadRequest)]
    [InlineData("ip=999.1.1.1", HttpStatusCode.BadRequest)]
    [InlineData("ip=::g", HttpStatusCode.BadRequest)]
    [InlineData("ip=1.2", HttpStatusCode.BadRequest)]
    [InlineData("ip=fe80::1%25eth0", HttpStatusCode.BadRequest)]
    [InlineData("ip=192.0.2.1&ip=192.0.2.2", HttpStatusCode.BadRequest)]
    [InlineData("name=ns1.example&ip=192.0.2.1", HttpStatusCode.BadRequest)]
    [InlineData("ip=192.0.2.1&colour=blue", HttpStatusCode.BadRequest)]
    [InlineData("nsLdhName=ns1.example", HttpStatusCode.BadRequest)]
    [InlineData("ip=192.0.2.1&count=maybe", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task Queries_the_index_cannot_serve_are_refused_with_the_right_status(string query, HttpStatusCode status)
    {
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameservers?{query}"), status);
    }

    [Fact]
    public async Task A_pattern_longer_than_any_name_is_400()
    {
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/nameservers?name={new string('a', 300)}*"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Head_answers_like_get_without_a_body()
    {
        var address = UniqueIpv6();
        await StoreNameserversAsync($"{Unique("head")}.example", 1, address);
        var path = $"/rdap/nameservers?ip={Uri.EscapeDataString(address)}";

        using var get = await fixture.Http.GetAsync(path);
        using var head = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        using var headRefused = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/rdap/nameservers?ip=::g"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.BadRequest, headRefused.StatusCode);
        Assert.Empty(await headRefused.Content.ReadAsByteArrayAsync());
    }
}
