using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Rds.Gateway;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class UngovernedLookupsTests(ClusterFixture fixture)
{
    private const string Path = "/bench/ungoverned/domain/";

    [Fact]
    public async Task The_benchmark_path_does_not_exist_unless_switched_on()
    {
        var name = SampleRecords.UniqueName("ungov");
        await fixture.PutAsync(SampleRecords.Full(name));

        var answer = await fixture.Anonymous.GetAsync(Path + name);

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.DoesNotContain("alice@holdings.example", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Switched_on_it_answers_the_public_view_a_governed_lookup_gives()
    {
        var name = SampleRecords.UniqueName("ungov");
        await fixture.PutAsync(SampleRecords.Full(name));
        await using var gateway = GatewayApp.Build(["--urls", "http://127.0.0.1:0", "--Benchmark:UngovernedLookups", "true"],
            builder => builder.Services.AddSingleton<IGrainFactory>(fixture.Cluster.Client).AddSingleton<IClusterClient>(fixture.Cluster.Client));
        await gateway.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = new Uri(gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        var ungoverned = await anonymous.GetAsync(Path + name.ToUpperInvariant());
        var governed = await fixture.Http.GetAsync("/rdap/domain/" + name);
        var missing = await anonymous.GetAsync(Path + "missing-" + name);
        var malformed = await anonymous.GetAsync(Path + "-bad-.example");

        Assert.Equal(HttpStatusCode.OK, ungoverned.StatusCode);
        var body = await ungoverned.ReadJsonAsync();
        Assert.Equal(name, body["ldhName"]!.GetValue<string>());
        Assert.DoesNotContain("alice@holdings.example", body.ToJsonString());
        Assert.Equal((await governed.ReadJsonAsync())["redacted"]!.ToJsonString(), body["redacted"]!.ToJsonString());
        await GatewayHttp.AssertRdapErrorAsync(missing, HttpStatusCode.NotFound);
        await GatewayHttp.AssertRdapErrorAsync(malformed, HttpStatusCode.BadRequest);
        // The rest of the gateway is as governed as ever.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/rdap/domain/" + name)).StatusCode);
    }
}
