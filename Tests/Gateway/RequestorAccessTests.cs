using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Rds.Disclosure;
using Rds.Requestors;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

/// <summary>Who may ask: API keys, the statement every request carries, and the requestor's status and accreditation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RequestorAccessTests(ClusterFixture fixture)
{
    private static string NewRequestorId() => "req-" + Guid.NewGuid().ToString("N")[..12];

    private async Task<string> StoredDomainAsync(string prefix)
    {
        var name = SampleRecords.UniqueName(prefix);
        await fixture.PutAsync(SampleRecords.Full(name));
        return name;
    }

    private static string? RegistrantEmail(JsonObject domain) =>
        domain.Entity("registrant").VCardProperties("email").SingleOrDefault()?[3]!.GetValue<string>();

    [Fact]
    public async Task A_lookup_without_credentials_is_401_with_a_bearer_challenge()
    {
        var name = await StoredDomainAsync("anon");

        var response = await fixture.Anonymous.GetAsync($"/rdap/domain/{name}");

        await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task The_operator_key_is_no_requestor_credential()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rdap/domain/example.com");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ClusterFixture.OperatorKey);
        ClusterFixture.StateAccess(request.Headers, RdapPurpose.DnsTransparency);

        await GatewayHttp.AssertRdapErrorAsync(await fixture.Anonymous.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_with_a_known_key_id_and_a_wrong_secret_is_401()
    {
        var id = NewRequestorId();
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var forged = token[..^4] + (token.EndsWith("AAAA") ? "BBBB" : "AAAA");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/rdap/domain/example.com");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        ClusterFixture.StateAccess(request.Headers, RdapPurpose.DnsTransparency);

        await GatewayHttp.AssertRdapErrorAsync(await fixture.Anonymous.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_request_stating_nothing_is_400_naming_every_missing_item()
    {
        using var client = await fixture.RequestorClientAsync(NewRequestorId(), RdapPurpose.DnsTransparency);
        foreach (var header in client.DefaultRequestHeaders.Where(h => h.Key.StartsWith("RDS-")).Select(h => h.Key).ToArray())
            client.DefaultRequestHeaders.Remove(header);

        var body = await GatewayHttp.AssertRdapErrorAsync(await client.GetAsync("/rdap/domain/example.com"), HttpStatusCode.BadRequest);

        var description = string.Join("\n", body["description"]!.AsArray().Select(line => line!.GetValue<string>()));
        foreach (var header in new[] { "RDS-Purpose", "RDS-Legal-Basis", "RDS-Case", "RDS-Justification", "RDS-Evidence", "RDS-Elements", "RDS-Agreement" })
            Assert.Contains(header + " is missing", description);
    }

    [Fact]
    public async Task An_old_user_agreement_is_403()
    {
        using var client = await fixture.RequestorClientAsync(NewRequestorId(), RdapPurpose.DnsTransparency);
        client.DefaultRequestHeaders.Remove("RDS-Agreement");
        client.DefaultRequestHeaders.Add("RDS-Agreement", "2025-01");

        var body = await GatewayHttp.AssertRdapErrorAsync(await client.GetAsync("/rdap/domain/example.com"), HttpStatusCode.Forbidden);
        Assert.Contains(ClusterFixture.AgreementVersion, body["description"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Elements_beyond_the_accreditation_are_403_naming_them()
    {
        using var client = await fixture.RequestorClientAsync(NewRequestorId(), RdapPurpose.DnsTransparency);
        client.DefaultRequestHeaders.Remove("RDS-Elements");
        client.DefaultRequestHeaders.Add("RDS-Elements", "Registrant Email");

        var body = await GatewayHttp.AssertRdapErrorAsync(await client.GetAsync("/rdap/domain/example.com"), HttpStatusCode.Forbidden);
        Assert.Contains("Registrant Email", body["description"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_entitled_request_sees_what_it_asked_for_and_nothing_else()
    {
        var name = await StoredDomainAsync("entitled");
        using var investigator = await fixture.RequestorClientAsync(NewRequestorId(), RdapPurpose.CriminalInvestigationAndDnsAbuse, DataElement.RegistrantEmail, DataElement.TechEmail);
        investigator.DefaultRequestHeaders.Remove("RDS-Elements");
        investigator.DefaultRequestHeaders.Add("RDS-Elements", "Registrant Email");

        var (response, domain) = await investigator.GetRdapAsync($"/rdap/domain/{name}");
        var (_, publicView) = await fixture.Http.GetRdapAsync($"/rdap/domain/{name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice@holdings.example", RegistrantEmail(domain));
        Assert.Null(RegistrantEmail(publicView));
        // Tech Email is entitled but was not asked for: withheld and marked so.
        var redacted = domain["redacted"]!.AsArray().Select(r => r!["name"]!["type"]!.GetValue<string>()).ToArray();
        Assert.Contains("Tech Email", redacted);
        Assert.DoesNotContain("Registrant Email", redacted);
    }

    [Fact]
    public async Task A_search_discloses_no_more_than_a_lookup_with_the_same_grant()
    {
        var nameserver = $"ns1.{SampleRecords.UniqueName("grant-host")}";
        var name = SampleRecords.UniqueName("grant-search");
        await fixture.PutAsync(SampleRecords.Full(name) with { Nameservers = [new Rds.Registrations.Nameserver { Name = nameserver }] });
        using var investigator = await fixture.RequestorClientAsync(NewRequestorId(), RdapPurpose.CriminalInvestigationAndDnsAbuse, DataElement.RegistrantEmail);

        var (_, entitled) = await investigator.GetRdapAsync($"/rdap/domains?nsLdhName={nameserver}");
        var (_, publicView) = await fixture.Http.GetRdapAsync($"/rdap/domains?nsLdhName={nameserver}");

        Assert.Equal("alice@holdings.example", RegistrantEmail((JsonObject)entitled["domainSearchResults"]![0]!));
        Assert.Null(RegistrantEmail((JsonObject)publicView["domainSearchResults"]![0]!));
    }

    [Fact]
    public async Task A_pivot_may_follow_registrant_emails_only_with_that_element_granted()
    {
        var shared = $"shared-{Guid.NewGuid():N}@campaign.example";
        var names = new[] { SampleRecords.UniqueName("pivot-mail-a"), SampleRecords.UniqueName("pivot-mail-b") };
        foreach (var name in names)
        {
            var record = SampleRecords.Full(name);
            await fixture.PutAsync(record with { Registrant = record.Registrant! with { Email = shared } });
        }
        using var investigator = await fixture.RequestorClientAsync(NewRequestorId(), RdapPurpose.CriminalInvestigationAndDnsAbuse, DataElement.RegistrantEmail);
        var body = $$"""{"seedDomains":["{{names[0]}}"],"follow":["RegistrantEmail"],"maxDepth":1}""";

        var allowed = await investigator.PostAsync("/pivots", new StringContent(body, Encoding.UTF8, "application/json"));
        var refused = await fixture.Http.PostAsync("/pivots", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains(names[1], await allowed.Content.ReadAsStringAsync());
        await GatewayHttp.AssertRdapErrorAsync(refused, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Suspension_refuses_until_reinstated_and_revocation_is_final()
    {
        var id = NewRequestorId();
        var name = await StoredDomainAsync("status");
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);

        var suspended = await fixture.Operator.PostAsJsonAsync($"/admin/requestors/{id}/suspend", new { reason = "burst of unjustified queries" });
        var whileSuspended = await client.GetAsync($"/rdap/domain/{name}");
        await fixture.Operator.PostAsync($"/admin/requestors/{id}/reinstate", null);
        var afterReinstate = await client.GetAsync($"/rdap/domain/{name}");
        await fixture.Operator.PostAsJsonAsync($"/admin/requestors/{id}/revoke", new { reason = "accreditation withdrawn" });
        var afterRevoke = await client.GetAsync($"/rdap/domain/{name}");
        var reinstateRevoked = await fixture.Operator.PostAsync($"/admin/requestors/{id}/reinstate", null);
        var keyForRevoked = await fixture.Operator.PostAsync($"/admin/requestors/{id}/keys", null);

        Assert.Equal("suspended", (await suspended.ReadJsonAsync())["status"]!.GetValue<string>());
        var reason = await GatewayHttp.AssertRdapErrorAsync(whileSuspended, HttpStatusCode.Forbidden);
        Assert.DoesNotContain("burst", reason.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, afterReinstate.StatusCode);
        await GatewayHttp.AssertRdapErrorAsync(afterRevoke, HttpStatusCode.Forbidden);
        await GatewayHttp.AssertRdapErrorAsync(reinstateRevoked, HttpStatusCode.Conflict);
        await GatewayHttp.AssertRdapErrorAsync(keyForRevoked, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_revoked_key_stops_at_once_while_another_key_goes_on()
    {
        var id = NewRequestorId();
        var name = await StoredDomainAsync("keys");
        using var first = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);
        using var second = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);
        ApiKeyTokens.TryReadKeyId(first.DefaultRequestHeaders.Authorization!.Parameter, out var firstKeyId);

        var revoked = await fixture.Operator.DeleteAsync($"/admin/requestors/{id}/keys/{firstKeyId}");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await GatewayHttp.AssertRdapErrorAsync(await first.GetAsync($"/rdap/domain/{name}"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/rdap/domain/{name}")).StatusCode);
        var view = await (await fixture.Operator.GetAsync($"/admin/requestors/{id}")).ReadJsonAsync();
        Assert.NotNull(view["keys"]!.AsArray().Single(k => k!["keyId"]!.GetValue<string>() == firstKeyId)!["revokedAt"]);
    }

    [Fact]
    public async Task An_api_key_is_stored_only_as_a_digest()
    {
        var id = NewRequestorId();
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var secret = token[(token.LastIndexOf('_') + 1)..];

        var table = new TableClient(fixture.Storage.ConnectionString, fixture.Settings.GrainStateTable);
        int holdingSecret = 0, holdingRequestorId = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>())
        {
            var text = string.Concat(entity.Select(pair => pair.Value switch
            {
                string s => s,
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                BinaryData data => Encoding.UTF8.GetString(data.ToArray()),
                _ => "",
            }));
            holdingSecret += text.Contains(secret) ? 1 : 0;
            holdingRequestorId += text.Contains(id) ? 1 : 0;
        }

        // The requestor id shows that the scan reads grain state; the secret must be in none of it.
        Assert.True(holdingRequestorId > 0);
        Assert.Equal(0, holdingSecret);
    }

    [Fact]
    public async Task Requestor_registration_reports_every_problem_and_needs_the_operator()
    {
        var id = NewRequestorId();
        var invalid = new { name = "", kind = "astrologer", accreditingBody = "A", purposes = new Dictionary<string, string[]> { ["curiosity"] = [], ["dnsTransparency"] = ["Shoe Size"] } };

        var body = await GatewayHttp.AssertRdapErrorAsync(await fixture.Operator.PutAsJsonAsync($"/admin/requestors/{id}", invalid), HttpStatusCode.BadRequest);
        var anonymous = await fixture.Anonymous.PutAsJsonAsync($"/admin/requestors/{id}", invalid);
        var badId = await fixture.Operator.GetAsync("/admin/requestors/Not_An_Id");
        var unknown = await fixture.Operator.GetAsync($"/admin/requestors/{id}");

        var description = body["description"]!.ToJsonString();
        foreach (var field in new[] { "name:", "kind:", "accreditedUntil:", "curiosity", "Shoe Size" })
            Assert.Contains(field, description);
        await GatewayHttp.AssertRdapErrorAsync(anonymous, HttpStatusCode.Unauthorized);
        await GatewayHttp.AssertRdapErrorAsync(badId, HttpStatusCode.BadRequest);
        await GatewayHttp.AssertRdapErrorAsync(unknown, HttpStatusCode.NotFound);
    }
}
