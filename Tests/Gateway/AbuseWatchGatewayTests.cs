using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Rds.Requestors;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

[CollectionDefinition(Name)]
public sealed class AbuseWatchCollection : ICollectionFixture<AbuseWatchFixture>
{
    public const string Name = "abuse-watch";
}

/// <summary>A tripped rule throttles, a second suspends pending review; operators see the flags and lift them; all audited.</summary>
[Collection(AbuseWatchCollection.Name)]
public sealed class AbuseWatchGatewayTests(AbuseWatchFixture fixture)
{
    private async Task<HttpResponseMessage> EventuallyAsync(Func<Task<HttpResponseMessage>> request, HttpStatusCode wanted)
    {
        // Observations are one-way messages: the flag lands just after the answer that tripped it.
        for (var attempt = 0; ; attempt++)
        {
            var response = await request();
            if (response.StatusCode == wanted || attempt == 50)
                return response;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Malformed_requests_throttle_then_suspend_and_an_operator_lifts_both()
    {
        var id = "abuse-" + Guid.NewGuid().ToString("N")[..12];
        var name = SampleRecords.UniqueName("abuse");
        await fixture.PutAsync(SampleRecords.Full(name));
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);

        for (var i = 0; i < AbuseWatchFixture.Threshold; i++)
            await client.GetAsync("/rdap/domain/-not-a-name-");
        var throttled = await EventuallyAsync(() => client.GetAsync($"/rdap/domain/{name}"), HttpStatusCode.TooManyRequests);
        var flags = (await fixture.Operator.GetFromJsonAsync<JsonObject>($"/admin/requestors/{id}/flags"))!["flags"]!.AsArray();
        var first = flags.Single()!["flagId"]!.GetValue<string>();
        var lifted = await fixture.Operator.PostAsJsonAsync($"/admin/requestors/{id}/flags/{first}/lift", new { reason = "test client, reviewed" });
        var afterLift = await client.GetAsync($"/rdap/domain/{name}");

        for (var i = 0; i < AbuseWatchFixture.Threshold; i++)
            await client.GetAsync("/rdap/domain/-not-a-name-");
        var suspended = await EventuallyAsync(() => client.GetAsync($"/rdap/domain/{name}"), HttpStatusCode.Forbidden);
        var view = await fixture.Operator.GetFromJsonAsync<JsonObject>($"/admin/requestors/{id}");
        var second = (await fixture.Operator.GetFromJsonAsync<JsonObject>($"/admin/requestors/{id}/flags"))!["flags"]!.AsArray()
            .Single(f => f!["liftedAt"] is null)!["flagId"]!.GetValue<string>();
        await fixture.Operator.PostAsJsonAsync($"/admin/requestors/{id}/flags/{second}/lift", new { reason = "reviewed again" });
        var reinstated = await client.GetAsync($"/rdap/domain/{name}");
        var audit = (await fixture.Auditor.GetFromJsonAsync<JsonObject>($"/audit/requestors/{id}?limit=1000"))!["records"]!.AsArray()
            .Select(r => r!["record"]!["query"]!.GetValue<string>()).Count(q => q == "abuse watch");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("malformedRequests", flags.Single()!["rule"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterLift.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, suspended.StatusCode);
        Assert.Equal("suspended", view!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, reinstated.StatusCode);
        Assert.Equal(4, audit);
    }

    [Fact]
    public async Task Lifting_needs_a_reason_and_an_existing_flag()
    {
        var id = "abuse-" + Guid.NewGuid().ToString("N")[..12];
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);

        await GatewayHttp.AssertRdapErrorAsync(await fixture.Operator.PostAsJsonAsync($"/admin/requestors/{id}/flags/nope/lift", new { reason = "x" }), HttpStatusCode.NotFound);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Operator.PostAsJsonAsync($"/admin/requestors/{id}/flags/nope/lift", new { reason = "" }), HttpStatusCode.BadRequest);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Anonymous.GetAsync($"/admin/requestors/{id}/flags"), HttpStatusCode.Unauthorized);
    }
}
