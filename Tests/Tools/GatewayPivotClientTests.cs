using System.Net;
using System.Text;
using System.Text.Json;
using Rds.Attributes;
using Rds.Pivots;
using Rds.Tools.Benchmarks;

namespace Rds.Tests.Tools;

/// <summary>The Orleans engine of <c>bench pivot</c> speaks the POST /pivots contract: its request body and its NDJSON answer.</summary>
public sealed class GatewayPivotClientTests
{
    private static readonly PivotRequest Request = new()
    {
        SeedDomains = ["a.example"],
        Follow = [AttributeKind.RegistrantOrganization, AttributeKind.NameserverName],
        MaxDepth = 3,
        MaxDomains = 1_000,
        FanOutCap = 50,
    };

    private static HttpResponseMessage Ndjson(params string[] lines) =>
        new(HttpStatusCode.OK) { Content = new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson") };

    [Fact]
    public async Task Sends_the_request_as_json_and_reads_domains_attributes_and_the_end()
    {
        var handler = new FakeGatewayHandler((_, _) => Ndjson(
            """{"type":"domain","hop":0,"domain":"a.example","via":null}""",
            """{"type":"attribute","hop":0,"kind":"NameserverName","value":"ns1.example","count":2,"overCap":false}""",
            """{"type":"attribute","hop":0,"kind":"RegistrantOrganization","value":"acme","count":900,"overCap":true}""",
            """{"type":"domain","hop":1,"domain":"b.example","via":{"kind":"NameserverName","value":"ns1.example"}}""",
            """{"type":"end","reason":"complete"}"""));
        using var http = new HttpClient(handler);

        var outcome = await new GatewayPivotClient(http, new Uri("http://gateway.test/")).RunAsync(Request, CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(new Uri("http://gateway.test/pivots"), sent.Uri);
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("a.example", body.RootElement.GetProperty("seedDomains")[0].GetString());
        Assert.Equal(["NameserverName", "RegistrantOrganization"], body.RootElement.GetProperty("follow").EnumerateArray().Select(kind => kind.GetString()));
        Assert.Equal(3, body.RootElement.GetProperty("maxDepth").GetInt32());
        Assert.Equal(1_000, body.RootElement.GetProperty("maxDomains").GetInt32());
        Assert.Equal(50, body.RootElement.GetProperty("fanOutCap").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["a.example"] = 0, ["b.example"] = 1 }, outcome.DomainHops);
        Assert.Equal(2, outcome.AttributesMet);
        Assert.Equal(1, outcome.AttributesOverCap);
        Assert.Equal("complete", outcome.StopReason);
    }

    [Fact]
    public async Task An_answer_cut_short_failed_or_refused_is_an_error()
    {
        using var cut = new HttpClient(new FakeGatewayHandler((_, _) => Ndjson("""{"type":"domain","hop":0,"domain":"a.example","via":null}""")));
        using var failed = new HttpClient(new FakeGatewayHandler((_, _) => Ndjson("""{"type":"error","message":"The cluster stopped answering."}""")));
        using var refused = new HttpClient(new FakeGatewayHandler((_, _) => FakeGatewayHandler.Json(HttpStatusCode.BadRequest, """{"title":"bad"}""")));

        await Assert.ThrowsAsync<InvalidDataException>(() => new GatewayPivotClient(cut, new Uri("http://gateway.test")).RunAsync(Request, CancellationToken.None));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new GatewayPivotClient(failed, new Uri("http://gateway.test")).RunAsync(Request, CancellationToken.None));
        Assert.Contains("The cluster stopped answering.", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HttpRequestException>(() => new GatewayPivotClient(refused, new Uri("http://gateway.test")).RunAsync(Request, CancellationToken.None));
    }
}
