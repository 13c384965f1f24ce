using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Rds.Attributes;
using Rds.Gateway;
using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class PivotEndpointTests(ClusterFixture fixture)
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_pivot_streams_ndjson_lines_for_domains_attributes_and_the_end()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var shared = $"ns.pivot-{run}.example";
        string[] names = [$"p1-{run}.example", $"p2-{run}.example", $"p3-{run}.example"];
        foreach (var name in names)
            await fixture.PutAsync(SampleRecords.Full(name) with { Nameservers = [new Nameserver { Name = shared }] });

        var response = await fixture.Http.PostAsync("/pivots", Body($$"""{"seedDomains":["{{names[0].ToUpperInvariant()}}."],"follow":["NameserverName"],"maxDepth":2,"maxDomains":100,"fanOutCap":10}"""));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!).ToArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(("domain", 0, names[0]), (lines[0]["type"]!.GetValue<string>(), lines[0]["hop"]!.GetValue<int>(), lines[0]["domain"]!.GetValue<string>()));
        var attribute = lines.Single(l => l["type"]!.GetValue<string>() == "attribute" && l["value"]!.GetValue<string>() == shared);
        Assert.Equal(3, attribute["count"]!.GetValue<int>());
        Assert.False(attribute["overCap"]!.GetValue<bool>());
        var found = lines.Where(l => l["type"]!.GetValue<string>() == "domain" && l["hop"]!.GetValue<int>() == 1).ToArray();
        Assert.Equal(names[1..], found.Select(l => l["domain"]!.GetValue<string>()));
        Assert.All(found, l => Assert.Equal(shared, l["via"]!["value"]!.GetValue<string>()));
        Assert.Equal("end", lines[^1]["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pivot_lines_are_exactly_the_documented_json()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var organization = $"Bücher & Söhne <{run}>";
        string[] names = [$"x1-{run}.example", $"x2-{run}.example"];
        foreach (var name in names)
            await fixture.PutAsync(SampleRecords.Full(name) with { Registrant = SampleRecords.Full(name).Registrant! with { Organization = organization } });
        Assert.True(AttributeNormalizer.TryNormalize(AttributeKind.RegistrantOrganization, organization, out var value, out _));

        var response = await fixture.Http.PostAsync("/pivots", Body($$"""{"seedDomains":["{{names[0]}}"],"follow":["RegistrantOrganization"],"maxDepth":1,"fanOutCap":10}"""));

        // Non-ASCII and HTML-sensitive characters are written as they are (relaxed escaping), as before.
        var expected = string.Join("", [
            $$"""{"type":"domain","hop":0,"domain":"{{names[0]}}"}""" + "\n",
            $$"""{"type":"attribute","hop":0,"kind":"RegistrantOrganization","value":"{{value.Value}}","count":2,"overCap":false}""" + "\n",
            $$$"""{"type":"domain","hop":1,"domain":"{{{names[1]}}}","via":{"kind":"RegistrantOrganization","value":"{{{value.Value}}}"}}""" + "\n",
            """{"type":"end","hop":1,"reason":"maxDepth"}""" + "\n"]);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_attribute_over_the_cap_is_reported_with_its_count_not_expanded()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var shared = $"ns.capped-{run}.example";
        foreach (var i in Enumerable.Range(0, 4))
            await fixture.PutAsync(SampleRecords.Full($"c{i}-{run}.example") with { Nameservers = [new Nameserver { Name = shared }] });

        var response = await fixture.Http.PostAsync("/pivots", Body($$"""{"seedAttributes":[{"kind":"NameserverName","value":"{{shared}}"}],"follow":["NameserverName"],"maxDepth":1,"fanOutCap":3}"""));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!).ToArray();

        var attribute = lines.Single(l => l["type"]!.GetValue<string>() == "attribute");
        Assert.Equal(4, attribute["count"]!.GetValue<int>());
        Assert.True(attribute["overCap"]!.GetValue<bool>());
        Assert.DoesNotContain(lines, l => l["type"]!.GetValue<string>() == "domain");
    }

    [Fact]
    public async Task A_pivot_whose_start_cannot_be_recorded_is_503_and_streams_nothing()
    {
        // A pivot's start is recorded before its first line; when that write fails, no line may leave.
        var run = Guid.NewGuid().ToString("N")[..8];
        string[] names = [$"u1-{run}.example", $"u2-{run}.example"];
        foreach (var name in names)
            await fixture.PutAsync(SampleRecords.Full(name) with { Nameservers = [new Nameserver { Name = $"ns.unaudited-{run}.example" }] });
        var client = ClusterWithFailingAudit.Create(fixture.Cluster.Client, UnreachableCluster.QueueUnavailable);
        await using var gateway = GatewayApp.Build(["--urls", "http://127.0.0.1:0", "--Admin:OperatorKey", ClusterFixture.OperatorKey],
            builder => builder.Services.AddSingleton(client).AddSingleton<IGrainFactory>(client));
        await gateway.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        foreach (var header in fixture.Http.DefaultRequestHeaders)
            http.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);

        var response = await http.PostAsync("/pivots", Body($$"""{"seedDomains":["{{names[0]}}"],"follow":["NameserverName"],"maxDepth":2,"fanOutCap":10}"""));

        var error = await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain(names[1], error.ToJsonString());
    }

    [Theory]
    [InlineData("""{"seedDomains":["a.example"],"follow":["NameserverName"],"maxDepth":0}""")]
    [InlineData("""{"seedDomains":["a.example"],"follow":["NameserverName"],"maxDepth":1000}""")]
    [InlineData("""{"seedDomains":["a.example"],"follow":["NameserverName"],"fanOutCap":0}""")]
    [InlineData("""{"seedDomains":["a.example"],"follow":["NameserverName"],"fanOutCap":1000000000}""")]
    [InlineData("""{"seedDomains":["a.example"],"follow":["NameserverName"],"maxDomains":0}""")]
    [InlineData("""{"seedDomains":[],"follow":["NameserverName"]}""")]
    [InlineData("""{"seedDomains":["a_b.example"],"follow":["NameserverName"]}""")]
    [InlineData("""{"seedDomains":["a.example"],"follow":["Astrology"]}""")]
    [InlineData("""{"seedDomains":["a.example"]}""")]
    [InlineData("""{"seedDomains":["a.example"],"follow":["NameserverName"],"colour":"blue"}""")]
    [InlineData("""{"seedDomains":["a.example"],"follow":["NameserverName"]""")]
    [InlineData("""[1,2,3]""")]
    public async Task Bad_pivot_requests_are_400_with_rdap_error_body(string json)
    {
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.PostAsync("/pivots", Body(json)), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("""{"seedDomains":["a.example"],"follow":["RegistrantEmail"]}""")]
    [InlineData("""{"seedAttributes":[{"kind":"TechEmail","value":"x@y.example"}],"follow":["NameserverName"]}""")]
    public async Task Pivots_over_personal_data_are_403_without_those_elements_granted(string json)
    {
        var body = await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.PostAsync("/pivots", Body(json)), HttpStatusCode.Forbidden);
        Assert.Contains("RDS-Elements", body["description"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Seeds_that_do_not_exist_give_an_empty_traversal()
    {
        var response = await fixture.Http.PostAsync("/pivots", Body("""{"seedDomains":["never-registered-anywhere.example"],"follow":["NameserverName"]}"""));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("end", JsonNode.Parse(Assert.Single(lines))!["type"]!.GetValue<string>());
    }
}
