using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Rds.Disclosure;
using Rds.Requestors;
using Rds.Tests.Gateway;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Audit;

/// <summary>A data subject's access report lists who was disclosed their data, hiding confidential cases while they are open.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AccessReportTests(ClusterFixture fixture)
{
    // The subject index is written just after the records it indexes: a report may trail an answer by a moment.
    private async Task<JsonObject[]> DisclosuresAsync(string path, int expected)
    {
        for (var attempt = 0; ; attempt++)
        {
            JsonObject[] disclosures = [.. (await fixture.Auditor.GetFromJsonAsync<JsonObject>(path))!["disclosures"]!.AsArray().Cast<JsonObject>()];
            if (disclosures.Length >= expected || attempt == 50)
                return disclosures;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_confidential_case_shows_in_the_report_only_once_closed()
    {
        var name = SampleRecords.UniqueName("report");
        var email = $"subject.{Guid.NewGuid():N}@person.example";
        var record = SampleRecords.Full(name);
        await fixture.PutAsync(record with { Registrant = record.Registrant! with { Email = email } });
        var requestorId = "rep-" + Guid.NewGuid().ToString("N")[..12];
        using var client = await fixture.RequestorClientAsync(requestorId, RdapPurpose.CriminalInvestigationAndDnsAbuse, DataElement.RegistrantEmail);
        await ClusterFixture.OpenCaseAsync(client, "CASE-SECRET", RdapPurpose.CriminalInvestigationAndDnsAbuse, confidential: true);

        (await client.GetAsync($"/rdap/domain/{name}")).EnsureSuccessStatusCode();
        (await client.SendAsync(ClusterFixture.InCase(client, HttpMethod.Get, $"/rdap/domain/{name}", "CASE-SECRET"))).EnsureSuccessStatusCode();
        // Both disclosures are in the subject index before the report is read, so hiding one is the report's doing.
        var index = new Azure.Data.Tables.TableClient(fixture.Storage.ConnectionString, fixture.Settings.AuditTable);
        for (var attempt = 0; attempt < 50 && await index.QueryAsync<Azure.Data.Tables.TableEntity>($"PartitionKey eq '{requestorId}' and RowKey ge '~sub|{name}|' and RowKey lt '~sub|{name}|~'").CountAsync() < 2; attempt++)
            await Task.Delay(100);
        var whileOpen = await DisclosuresAsync($"/audit/subjects/domain/{name.ToUpperInvariant()}", expected: 1);
        var byContact = await DisclosuresAsync($"/audit/subjects/contact?email={Uri.EscapeDataString(email)}", expected: 1);
        (await client.PostAsync("/cases/CASE-SECRET/close", null)).EnsureSuccessStatusCode();
        var afterClose = await DisclosuresAsync($"/audit/subjects/domain/{name}", expected: 2);

        var open = Assert.Single(whileOpen);
        Assert.Equal(requestorId, open["requestor"]!.GetValue<string>());
        Assert.Equal(ClusterFixture.CaseId, open["caseId"]!.GetValue<string>());
        Assert.Equal(["Registrant Email"], open["elements"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Single(byContact);
        Assert.Equal([ClusterFixture.CaseId, "CASE-SECRET"], afterClose.Select(d => d["caseId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Reports_are_for_auditors_and_refuse_bad_input()
    {
        var byRequestor = await fixture.Http.GetAsync("/audit/subjects/domain/example.com");
        var byOperator = await fixture.Operator.GetAsync("/audit/subjects/domain/example.com");
        var badName = await fixture.Auditor.GetAsync("/audit/subjects/domain/-bad-.example");
        var badEmail = await fixture.Auditor.GetAsync("/audit/subjects/contact?email=nobody");

        await GatewayHttp.AssertRdapErrorAsync(byRequestor, HttpStatusCode.Unauthorized);
        await GatewayHttp.AssertRdapErrorAsync(byOperator, HttpStatusCode.Unauthorized);
        await GatewayHttp.AssertRdapErrorAsync(badName, HttpStatusCode.BadRequest);
        await GatewayHttp.AssertRdapErrorAsync(badEmail, HttpStatusCode.BadRequest);
    }
}
