using System.Net;
using System.Net.Http.Json;
using Rds.Requestors;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

/// <summary>Requests name a case their requestor opened; a closed or expired case, or another requestor's, cannot be used.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CaseTests(ClusterFixture fixture)
{
    private static string NewRequestorId() => "case-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_request_in_an_unknown_or_closed_case_is_403_and_an_open_one_is_served()
    {
        var name = SampleRecords.UniqueName("case-life");
        await fixture.PutAsync(SampleRecords.Full(name));
        using var client = await fixture.RequestorClientAsync(NewRequestorId(), RdapPurpose.DnsTransparency);

        var unknown = await fixture.Anonymous.SendAsync(ClusterFixture.InCase(client, HttpMethod.Get, $"/rdap/domain/{name}", "CASE-NEVER-OPENED"));
        await ClusterFixture.OpenCaseAsync(client, "CASE-LIFE", RdapPurpose.DnsTransparency);
        var open = await fixture.Anonymous.SendAsync(ClusterFixture.InCase(client, HttpMethod.Get, $"/rdap/domain/{name}", "CASE-LIFE"));
        var closing = await client.PostAsync("/cases/CASE-LIFE/close", null);
        var afterClose = await fixture.Anonymous.SendAsync(ClusterFixture.InCase(client, HttpMethod.Get, $"/rdap/domain/{name}", "CASE-LIFE"));
        var reopen = await client.PostAsJsonAsync("/cases", new { caseId = "CASE-LIFE", purpose = "dnsTransparency", legalBasis = "gdpr-6-1-f", evidence = new[] { "x:1" }, retentionDays = 5, confidential = false });

        Assert.Contains("open it first", (await GatewayHttp.AssertRdapErrorAsync(unknown, HttpStatusCode.Forbidden))["description"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.Equal("closed", (await closing.ReadJsonAsync())["status"]!.GetValue<string>());
        await GatewayHttp.AssertRdapErrorAsync(afterClose, HttpStatusCode.Forbidden);
        await GatewayHttp.AssertRdapErrorAsync(reopen, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_case_belongs_to_its_requestor_and_to_its_purpose()
    {
        var name = SampleRecords.UniqueName("case-owner");
        await fixture.PutAsync(SampleRecords.Full(name));
        using var owner = await fixture.RequestorClientAsync(NewRequestorId(), RdapPurpose.DnsTransparency);
        using var other = await fixture.RequestorClientAsync(NewRequestorId(), RdapPurpose.DnsTransparency);
        await ClusterFixture.OpenCaseAsync(owner, "CASE-OWNED", RdapPurpose.DnsTransparency);

        var byOther = await fixture.Anonymous.SendAsync(ClusterFixture.InCase(other, HttpMethod.Get, $"/rdap/domain/{name}", "CASE-OWNED"));
        var readByOther = await other.GetAsync("/cases/CASE-OWNED");
        var readByOwner = await owner.GetAsync("/cases/CASE-OWNED");

        await GatewayHttp.AssertRdapErrorAsync(byOther, HttpStatusCode.Forbidden);
        await GatewayHttp.AssertRdapErrorAsync(readByOther, HttpStatusCode.NotFound);
        Assert.Equal("open", (await readByOwner.ReadJsonAsync())["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_case_cannot_be_opened_for_a_purpose_the_accreditation_lacks_nor_without_its_statement()
    {
        using var client = await fixture.RequestorClientAsync(NewRequestorId(), RdapPurpose.DnsTransparency);

        var otherPurpose = await client.PostAsJsonAsync("/cases", new { caseId = "CASE-X", purpose = "legalActions", legalBasis = "gdpr-6-1-f", evidence = new[] { "x:1" }, retentionDays = 5, confidential = false });
        var incomplete = await client.PostAsJsonAsync("/cases", new { caseId = "bad id", retentionDays = 0 });
        var anonymous = await fixture.Anonymous.PostAsJsonAsync("/cases", new { caseId = "CASE-Y" });

        await GatewayHttp.AssertRdapErrorAsync(otherPurpose, HttpStatusCode.Forbidden);
        var body = await GatewayHttp.AssertRdapErrorAsync(incomplete, HttpStatusCode.BadRequest);
        foreach (var field in new[] { "caseId:", "purpose:", "legalBasis:", "evidence:", "retentionDays:", "confidential:" })
            Assert.Contains(field, body["description"]!.ToJsonString());
        await GatewayHttp.AssertRdapErrorAsync(anonymous, HttpStatusCode.Unauthorized);
    }
}
