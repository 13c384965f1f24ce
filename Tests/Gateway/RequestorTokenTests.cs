using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Rds.Requestors;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

/// <summary>Bearer tokens from the configured issuer identify registered requestors and limit their purposes (RFC 9560 style).</summary>
[Collection(ClusterCollection.Name)]
public sealed class RequestorTokenTests(ClusterFixture fixture)
{
    internal static string Token(string requestorId, string[] purposes, DateTime? expires = null, byte[]? key = null, string issuer = ClusterFixture.TokenIssuer)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = ClusterFixture.TokenAudience,
            Subject = new ClaimsIdentity([new Claim("sub", requestorId)]),
            Claims = new Dictionary<string, object> { ["rdap_allowed_purposes"] = purposes },
            NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddHours(-1),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? ClusterFixture.TokenSigningKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private HttpClient WithToken(string token)
    {
        var client = new HttpClient { BaseAddress = fixture.GatewayAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        ClusterFixture.StateAccess(client.DefaultRequestHeaders, RdapPurpose.DnsTransparency);
        return client;
    }

    private async Task<(string Id, string Name)> RegisteredAsync()
    {
        var id = "tok-" + Guid.NewGuid().ToString("N")[..12];
        (await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency)).Dispose();
        var name = SampleRecords.UniqueName("token");
        await fixture.PutAsync(SampleRecords.Full(name));
        return (id, name);
    }

    [Fact]
    public async Task A_valid_token_of_a_registered_requestor_is_served_and_audited_as_a_token()
    {
        var (id, name) = await RegisteredAsync();
        using var client = WithToken(Token(id, ["dnsTransparency"]));

        var response = await client.GetAsync($"/rdap/domain/{name}");
        // The first record is the opening of the case.
        var records = await fixture.AuditRecordsAsync(id, 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(records, r => r["record"]!["keyId"]?.GetValue<string>() == RequestorCredentials.Token);
    }

    [Fact]
    public async Task A_purpose_missing_from_the_token_is_403_even_if_accredited()
    {
        var (id, name) = await RegisteredAsync();
        using var client = WithToken(Token(id, ["criminalInvestigationAndDNSAbuse"]));

        var body = await GatewayHttp.AssertRdapErrorAsync(await client.GetAsync($"/rdap/domain/{name}"), HttpStatusCode.Forbidden);
        Assert.Contains("rdap_allowed_purposes", body["description"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Expired_forged_foreign_or_unregistered_tokens_are_401()
    {
        var (id, name) = await RegisteredAsync();
        var tokens = new[]
        {
            Token(id, ["dnsTransparency"], expires: DateTime.UtcNow.AddMinutes(-5)),
            Token(id, ["dnsTransparency"], key: [.. Enumerable.Repeat((byte)9, 32)]),
            Token(id, ["dnsTransparency"], issuer: "https://other-idp.test"),
            Token("never-registered", ["dnsTransparency"]),
        };

        foreach (var token in tokens)
        {
            using var client = WithToken(token);
            await GatewayHttp.AssertRdapErrorAsync(await client.GetAsync($"/rdap/domain/{name}"), HttpStatusCode.Unauthorized);
        }
    }
}
