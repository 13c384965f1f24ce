using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Rds.Disclosure;
using Rds.Requestors;
using Rds.Tests.Gateway;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Audit;

/// <summary>Every request leaves a durable, hash-chained record that auditors can read and verify.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AuditTrailTests(ClusterFixture fixture)
{
    private static string NewRequestorId() => "aud-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The records of disclosure requests (at least <paramref name="expected"/>), leaving out the opening of the test requestor's case.</summary>
    private async Task<JsonObject[]> RequestRecordsAsync(string requestorId, int expected) =>
        [.. (await fixture.AuditRecordsAsync(requestorId, expected + 1)).Where(r => !r["record"]!["query"]!.GetValue<string>().StartsWith("POST /cases"))];

    private async Task<JsonObject> VerifyAsync(string requestorId) =>
        await (await fixture.Auditor.GetAsync($"/audit/requestors/{requestorId}/verify")).ReadJsonAsync();

    [Fact]
    public async Task A_granted_lookup_is_recorded_with_its_statement_but_without_the_disclosed_values()
    {
        var name = SampleRecords.UniqueName("audited");
        await fixture.PutAsync(SampleRecords.Full(name));
        var id = NewRequestorId();
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.CriminalInvestigationAndDnsAbuse, DataElement.RegistrantEmail);

        var answer = await client.GetStringAsync($"/rdap/domain/{name}");

        Assert.Contains("alice@holdings.example", answer);
        var record = Assert.Single(await RequestRecordsAsync(id, 1))["record"]!.AsObject();
        Assert.Equal("granted", record["decision"]!.GetValue<string>());
        Assert.Equal("criminalInvestigationAndDNSAbuse", record["purpose"]!.GetValue<string>());
        Assert.Equal("gdpr-6-1-f", record["legalBasis"]!.GetValue<string>());
        Assert.Equal("CASE-2026-0001", record["caseId"]!.GetValue<string>());
        Assert.Equal($"GET /rdap/domain/{name}", record["query"]!.GetValue<string>());
        Assert.Equal(["Registrant Email"], record["elementsDisclosed"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal([name], record["domains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(1, record["resultCount"]!.GetValue<int>());
        Assert.DoesNotContain("alice@holdings.example", record.ToJsonString());
    }

    [Fact]
    public async Task The_callers_request_id_ties_the_answer_to_its_audit_record_and_a_bad_one_is_replaced()
    {
        var name = SampleRecords.UniqueName("audit-id");
        await fixture.PutAsync(SampleRecords.Full(name));
        var id = NewRequestorId();
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);
        using var traced = new HttpRequestMessage(HttpMethod.Get, $"/rdap/domain/{name}");
        traced.Headers.Add("X-Request-Id", "crawl-7.page-42");
        using var hostile = new HttpRequestMessage(HttpMethod.Get, $"/rdap/domain/{name}");
        hostile.Headers.Add("X-Request-Id", "x!" + new string('a', 100));

        var answer = await client.SendAsync(traced);
        var replaced = await client.SendAsync(hostile);

        Assert.Equal("crawl-7.page-42", answer.Headers.GetValues("X-Request-Id").Single());
        Assert.Matches("^[0-9a-f]{32}$", replaced.Headers.GetValues("X-Request-Id").Single());
        var ids = (await RequestRecordsAsync(id, 2)).Select(r => r["record"]!["requestId"]!.GetValue<string>()).ToArray();
        Assert.Equal(["crawl-7.page-42", replaced.Headers.GetValues("X-Request-Id").Single()], ids);
    }

    [Fact]
    public async Task Refused_and_malformed_requests_are_recorded_with_the_reason()
    {
        var id = NewRequestorId();
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);
        using var tooMuch = new HttpRequestMessage(HttpMethod.Get, "/rdap/domain/example.com");
        tooMuch.Headers.Authorization = client.DefaultRequestHeaders.Authorization;
        ClusterFixture.StateAccess(tooMuch.Headers, RdapPurpose.DnsTransparency, DataElement.TechEmail);
        using var unstated = new HttpRequestMessage(HttpMethod.Get, "/rdap/domain/example.com");
        unstated.Headers.Authorization = client.DefaultRequestHeaders.Authorization;

        await GatewayHttp.AssertRdapErrorAsync(await fixture.Anonymous.SendAsync(tooMuch), HttpStatusCode.Forbidden);
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Anonymous.SendAsync(unstated), HttpStatusCode.BadRequest);

        var records = (await RequestRecordsAsync(id, 2)).Select(r => r["record"]!).ToArray();
        Assert.Equal(["refused", "rejected"], records.Select(r => r["decision"]!.GetValue<string>()));
        Assert.Contains("Tech Email", records[0]["reason"]!.GetValue<string>());
        Assert.Contains("RDS-Purpose is missing", records[1]["reason"]!.GetValue<string>());
        Assert.Empty(records[0]["elementsDisclosed"]!.AsArray());
    }

    [Fact]
    public async Task Concurrent_requests_get_one_record_each_in_an_intact_chain()
    {
        var name = SampleRecords.UniqueName("audit-burst");
        await fixture.PutAsync(SampleRecords.Full(name));
        var id = NewRequestorId();
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);

        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => client.GetAsync($"/rdap/domain/{name}")));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        var records = await fixture.AuditRecordsAsync(id, 61);
        // The first record is the opening of the requestor's case.
        Assert.Equal(Enumerable.Range(0, 61).Select(i => (long)i), records.Select(r => r["sequence"]!.GetValue<long>()));
        Assert.Equal(60, records.Where(r => r["record"]!["query"]!.GetValue<string>().StartsWith("GET")).Select(r => r["record"]!["requestId"]!.GetValue<string>()).Distinct().Count());
        var verification = await VerifyAsync(id);
        Assert.True(verification["intact"]!.GetValue<bool>(), verification.ToJsonString());
    }

    [Fact]
    public async Task An_altered_or_removed_record_in_the_table_is_detected()
    {
        var name = SampleRecords.UniqueName("audit-tamper");
        await fixture.PutAsync(SampleRecords.Full(name));
        var id = NewRequestorId();
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);
        for (var i = 0; i < 4; i++)
            await client.GetAsync($"/rdap/domain/{name}");
        await fixture.AuditRecordsAsync(id, 5);
        var table = new TableClient(fixture.Storage.ConnectionString, fixture.Settings.AuditTable);
        Assert.True((await VerifyAsync(id))["intact"]!.GetValue<bool>());

        var row = (await table.GetEntityAsync<TableEntity>(id, 1L.ToString("D19"))).Value;
        row["Record0"] = row.GetString("Record0")!.Replace("CASE-2026-0001", "CASE-OTHER");
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);
        var altered = await VerifyAsync(id);
        await table.DeleteEntityAsync(id, 1L.ToString("D19"));
        var removed = await VerifyAsync(id);

        Assert.False(altered["intact"]!.GetValue<bool>());
        Assert.Equal(1, altered["brokenAt"]!.GetValue<long>());
        Assert.False(removed["intact"]!.GetValue<bool>());
        Assert.Equal(1, removed["brokenAt"]!.GetValue<long>());
    }

    [Fact]
    public async Task Records_can_be_read_by_case_and_only_by_the_auditor()
    {
        var name = SampleRecords.UniqueName("audit-case");
        await fixture.PutAsync(SampleRecords.Full(name));
        var id = NewRequestorId();
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);
        await client.GetAsync($"/rdap/domain/{name}");
        await ClusterFixture.OpenCaseAsync(client, "CASE-B", RdapPurpose.DnsTransparency);
        using var otherCase = ClusterFixture.InCase(client, HttpMethod.Get, $"/rdap/domain/{name}", "CASE-B");
        await fixture.Anonymous.SendAsync(otherCase);

        var caseB = await fixture.AuditRecordsAsync(id, 2, "?case=CASE-B");
        var byOperator = await fixture.Operator.GetAsync($"/audit/requestors/{id}");
        var byRequestor = await client.GetAsync($"/audit/requestors/{id}");
        var auditorAsOperator = await fixture.Auditor.GetAsync($"/admin/requestors/{id}");
        var badTime = await fixture.Auditor.GetAsync($"/audit/requestors/{id}?from=yesterday");

        Assert.Equal(["POST /cases", $"GET /rdap/domain/{name}"], caseB.Select(r => r["record"]!["query"]!.GetValue<string>()));
        Assert.All(caseB, r => Assert.Equal("CASE-B", r["record"]!["caseId"]!.GetValue<string>()));
        await GatewayHttp.AssertRdapErrorAsync(byOperator, HttpStatusCode.Unauthorized);
        await GatewayHttp.AssertRdapErrorAsync(byRequestor, HttpStatusCode.Unauthorized);
        await GatewayHttp.AssertRdapErrorAsync(auditorAsOperator, HttpStatusCode.Unauthorized);
        await GatewayHttp.AssertRdapErrorAsync(badTime, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_pivot_is_recorded_before_it_streams_and_again_with_its_count()
    {
        var names = new[] { SampleRecords.UniqueName("audit-pivot-a"), SampleRecords.UniqueName("audit-pivot-b") };
        var nameserver = $"ns1.{SampleRecords.UniqueName("audit-pivot-host")}";
        foreach (var name in names)
            await fixture.PutAsync(SampleRecords.Full(name) with { Nameservers = [new Rds.Registrations.Nameserver { Name = nameserver }] });
        var id = NewRequestorId();
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);

        var pivot = await client.PostAsJsonAsync("/pivots", new { seedDomains = new[] { names[0] }, follow = new[] { "NameserverName" }, maxDepth = 1 });
        await pivot.Content.ReadAsStringAsync();

        var records = (await RequestRecordsAsync(id, 2)).Select(r => r["record"]!).ToArray();
        Assert.Equal(2, records.Length);
        Assert.Equal("pivot started", records[0]["reason"]!.GetValue<string>());
        Assert.StartsWith("POST /pivots {", records[0]["query"]!.GetValue<string>());
        Assert.Equal(2, records[1]["resultCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_real_key_id_with_a_wrong_secret_is_recorded_in_its_owners_log_a_few_times_a_minute()
    {
        var id = NewRequestorId();
        using var client = await fixture.RequestorClientAsync(id, RdapPurpose.DnsTransparency);
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        var keyPart = "rds_".Length + 16 + 1;
        var forged = token[..keyPart] + new string('A', token.Length - keyPart);
        using var guessing = new HttpClient { BaseAddress = fixture.GatewayAddress };
        guessing.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", forged);
        ClusterFixture.StateAccess(guessing.DefaultRequestHeaders, RdapPurpose.DnsTransparency);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < Rds.Grains.Requestors.ApiKeyGrain.AuditedFailuresPerMinute + 5; i++)
            answers.Add(await guessing.GetAsync("/rdap/domain/example.com"));
        // A later, genuine request: once it is in the log, every earlier record is too.
        (await client.GetAsync("/rdap/domain/example.com")).Dispose();

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode));
        var records = (await RequestRecordsAsync(id, Rds.Grains.Requestors.ApiKeyGrain.AuditedFailuresPerMinute + 1)).Select(r => r["record"]!).ToArray();
        var wrongSecret = records.Where(r => r["decision"]!.GetValue<string>() == "unauthenticated").ToArray();
        Assert.Equal(Rds.Grains.Requestors.ApiKeyGrain.AuditedFailuresPerMinute, wrongSecret.Length);
        Assert.All(wrongSecret, r => Assert.Contains("wrong secret", r["reason"]!.GetValue<string>()));
        Assert.All(records, r => Assert.DoesNotContain(forged, r.ToJsonString()));
    }
}
