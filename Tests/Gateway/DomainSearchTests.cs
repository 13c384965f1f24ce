using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rds.Registrations;
using Rds.Tests.Infrastructure;
using Rds.Tests.Rdap;

namespace Rds.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class DomainSearchTests(ClusterFixture fixture)
{
    private async Task<string[]> StoreOnNameserverAsync(string nameserver, int count, string? ip = null)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var names = Enumerable.Range(0, count).Select(i => $"s{i:D2}-{run}.example").ToArray();
        foreach (var name in names)
            await fixture.PutAsync(SampleRecords.Full(name) with
            {
                Nameservers = [new Nameserver { Name = nameserver, Ipv4 = ip is null ? [] : [ip] }],
            });
        return [.. names.Order(StringComparer.Ordinal)];
    }

    private static string[] Names(JsonObject body) =>
        [.. body["domainSearchResults"]!.AsArray().Select(d => d!["ldhName"]!.GetValue<string>())];

    private async Task<(string[] Names, int Pages)> FollowAllPagesAsync(string path)
    {
        var names = new List<string>();
        var pages = 0;
        for (var next = path; next is not null; pages++)
        {
            var (response, body) = await fixture.Http.GetRdapAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            names.AddRange(Names(body));
            next = body["paging_metadata"]?["links"]?[0]?["href"]?.GetValue<string>();
        }
        return ([.. names], pages);
    }

    [Fact]
    public async Task A_nameserver_search_lists_its_domains_in_schema_valid_pages()
    {
        var nameserver = $"ns1.search-{Guid.NewGuid():N}"[..30] + ".example";
        var stored = await StoreOnNameserverAsync(nameserver, 12);

        var (response, first) = await fixture.Http.GetRdapAsync($"/rdap/domains?nsLdhName={nameserver.ToUpperInvariant()}.&count=true");
        var (all, pages) = await FollowAllPagesAsync($"/rdap/domains?nsLdhName={nameserver}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RdapSchemaValidator.Instance.AssertValid(first, RdapObjectKind.DomainSearch);
        Assert.Contains("paging", first["rdapConformance"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(12, first["paging_metadata"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(stored.Take(ClusterFixture.SearchPageSize), Names(first));
        Assert.Equal(stored, all);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Search_results_show_exactly_what_a_lookup_shows()
    {
        var nameserver = $"ns1.same-{Guid.NewGuid():N}"[..28] + ".example";
        var stored = await StoreOnNameserverAsync(nameserver, 1);

        var (_, search) = await fixture.Http.GetRdapAsync($"/rdap/domains?nsLdhName={nameserver}");
        var (_, lookup) = await fixture.Http.GetRdapAsync($"/rdap/domain/{stored[0]}");

        var result = (JsonObject)search["domainSearchResults"]![0]!.DeepClone();
        var alone = (JsonObject)lookup.DeepClone();
        alone.Remove("rdapConformance");
        alone.Remove("notices");
        Assert.Equal(Comparable(alone, "$"), Comparable(result, "$.domainSearchResults[0]"));
        foreach (var personal in new[] { "Alice Registrant", "alice@holdings.example", "5555551234", "C100-EXAMPLE", "bob@tech.example" })
            Assert.DoesNotContain(personal, search.ToJsonString());

        // Links echo each query's own URL and redaction paths start at each answer's own root; the rest is identical.
        static string Comparable(JsonObject domain, string root) =>
            Regex.Replace(domain.ToJsonString(), "\"value\":\"[^\"]*\"", "").Replace(root + ".entities", "ROOT.entities");
    }

    [Fact]
    public async Task A_trailing_asterisk_searches_every_nameserver_with_the_prefix()
    {
        var prefix = $"pfx{Guid.NewGuid():N}"[..15];
        var first = await StoreOnNameserverAsync($"{prefix}a.example", 3);
        var second = await StoreOnNameserverAsync($"{prefix}b.example", 4);
        var other = await StoreOnNameserverAsync($"x{prefix}.example", 2);

        var (all, _) = await FollowAllPagesAsync($"/rdap/domains?nsLdhName={prefix}*");

        Assert.Equal(first.Concat(second).Order(StringComparer.Ordinal), all);
        Assert.DoesNotContain(other[0], all);
    }

    [Fact]
    public async Task A_nameserver_ip_search_finds_domains_by_glue_address_in_any_notation()
    {
        var ip = $"2001:db8:{Random.Shared.Next(1, 0xffff):x}:{Random.Shared.Next(1, 0xffff):x}::53";
        var withIp = await StoreOnNameserverAsync($"ns.ip-{Guid.NewGuid():N}"[..24] + ".example", 2, ip: "192.0.2.77");

        var (response, body) = await fixture.Http.GetRdapAsync("/rdap/domains?nsIp=192.0.2.77");
        var (unknown, empty) = await fixture.Http.GetRdapAsync($"/rdap/domains?nsIp={Uri.EscapeDataString(ip.ToUpperInvariant())}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(withIp, Names(body).Where(withIp.Contains));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Empty(empty["domainSearchResults"]!.AsArray());
    }

    [Fact]
    public async Task An_altered_cursor_or_one_from_another_query_is_400()
    {
        var nameserver = $"ns1.cursor-{Guid.NewGuid():N}"[..30] + ".example";
        await StoreOnNameserverAsync(nameserver, 7);
        var other = $"ns1.other-{Guid.NewGuid():N}"[..29] + ".example";
        await StoreOnNameserverAsync(other, 7);
        var (_, first) = await fixture.Http.GetRdapAsync($"/rdap/domains?nsLdhName={nameserver}");
        var next = new Uri(first["paging_metadata"]!["links"]![0]!["href"]!.GetValue<string>());
        var cursor = System.Web.HttpUtility.ParseQueryString(next.Query)["cursor"]!;
        var tampered = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];

        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/domains?nsLdhName={nameserver}&cursor={tampered}"), HttpStatusCode.BadRequest);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/domains?nsLdhName={other}&cursor={cursor}"), HttpStatusCode.BadRequest);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/domains?nsLdhName={nameserver}&cursor=garbage"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("nsLdhName=ns*.exa*", HttpStatusCode.UnprocessableEntity)]
    [InlineData("nsLdhName=*.example", HttpStatusCode.UnprocessableEntity)]
    [InlineData("nsLdhName=ns1.*.example", HttpStatusCode.UnprocessableEntity)]
    [InlineData("nsLdhName=n*", HttpStatusCode.UnprocessableEntity)]
    [InlineData("nsLdhName=b%C3%BC*", HttpStatusCode.UnprocessableEntity)]
    [InlineData("name=example*", HttpStatusCode.UnprocessableEntity)]
    [InlineData("nsLdhName=", HttpStatusCode.BadRequest)]
    [InlineData("nsLdhName=a_b.example", HttpStatusCode.BadRequest)]
    [InlineData("nsIp=1.2", HttpStatusCode.BadRequest)]
    [InlineData("nsIp=192.0.2.1&nsIp=192.0.2.2", HttpStatusCode.BadRequest)]
    [InlineData("nsLdhName=ns1.example&nsIp=192.0.2.1", HttpStatusCode.BadRequest)]
    [InlineData("nsLdhName=ns1.example&colour=blue", HttpStatusCode.BadRequest)]
    [InlineData("nsLdhName=ns1.example&count=maybe", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task Bad_searches_get_a_clear_rdap_error(string query, HttpStatusCode status)
    {
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/domains?{query}"), status);
    }
}
