using Azure.Data.Tables;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Rds.Disclosure;
using Rds.Requestors;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

/// <summary>Pseudonymised requestors see keyed pseudonyms that link within their case only and die with it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PseudonymAccessTests(ClusterFixture fixture)
{
    private string _requestorId = "";

    private Task<HttpClient> PseudonymisedAsync(params DataElement[] elements)
    {
        _requestorId = "pseudo-" + Guid.NewGuid().ToString("N")[..12];
        return fixture.RequestorClientAsync(_requestorId, ClusterFixture.Unlimited, pseudonymise: true, RdapPurpose.CriminalInvestigationAndDnsAbuse, elements);
    }

    private static string? Email(JsonObject domain, string role) =>
        domain.Entity(role).VCardProperties("email").SingleOrDefault()?[3]!.GetValue<string>();

    [Fact]
    public async Task A_pseudonymised_lookup_shows_pseudonyms_marked_in_redacted_and_valid_rdap()
    {
        var name = SampleRecords.UniqueName("pseudo-look");
        await fixture.PutAsync(SampleRecords.Full(name));
        using var client = await PseudonymisedAsync(DataElement.RegistrantEmail, DataElement.TechEmail);

        var (response, domain) = await client.GetRdapAsync($"/rdap/domain/{name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var email = Email(domain, "registrant")!;
        Assert.Matches("^ps1-[0-9a-f]{32}@pseudonym.invalid$", email);
        Assert.DoesNotContain("alice@holdings.example", domain.ToJsonString());
        var marked = domain["redacted"]!.AsArray().Single(r => r!["name"]!["type"]!.GetValue<string>() == "Registrant Email")!;
        Assert.Equal("replacementValue", marked["method"]!.GetValue<string>());
        Assert.Contains("key version 1", marked["reason"]!["description"]!.GetValue<string>());
        Rdap.RdapSchemaValidator.Instance.AssertValid(domain, Rdap.RdapObjectKind.Domain);
    }

    [Fact]
    public async Task Pseudonyms_link_within_a_case_differ_across_cases_and_seed_pivots_only_in_theirs()
    {
        var shared = $"linked.{Guid.NewGuid():N}@campaign.example";
        var names = new[] { SampleRecords.UniqueName("pseudo-a"), SampleRecords.UniqueName("pseudo-b") };
        foreach (var name in names)
        {
            var record = SampleRecords.Full(name);
            await fixture.PutAsync(record with { Registrant = record.Registrant! with { Email = shared } });
        }
        using var client = await PseudonymisedAsync(DataElement.RegistrantEmail);
        await ClusterFixture.OpenCaseAsync(client, "CASE-OTHER", RdapPurpose.CriminalInvestigationAndDnsAbuse);

        var (_, first) = await client.GetRdapAsync($"/rdap/domain/{names[0]}");
        var (_, second) = await client.GetRdapAsync($"/rdap/domain/{names[1]}");
        var other = await (await client.SendAsync(ClusterFixture.InCase(client, HttpMethod.Get, $"/rdap/domain/{names[0]}", "CASE-OTHER"))).ReadJsonAsync();
        var pseudonym = Email(first, "registrant")!;
        var seed = new { seedAttributes = new[] { new { kind = "RegistrantEmail", value = pseudonym } }, follow = new[] { "RegistrantEmail" }, maxDepth = 1 };
        var pivot = await client.PostAsJsonAsync("/pivots", seed);
        var pivotText = await pivot.Content.ReadAsStringAsync();
        var crossCase = ClusterFixture.InCase(client, HttpMethod.Post, "/pivots", "CASE-OTHER");
        crossCase.Content = JsonContent.Create(seed);
        var otherCasePivot = await client.SendAsync(crossCase);

        Assert.Equal(pseudonym, Email(second, "registrant"));
        Assert.NotEqual(pseudonym, Email(other, "registrant"));
        Assert.Equal(HttpStatusCode.OK, pivot.StatusCode);
        Assert.Contains(names[1], pivotText);
        Assert.Contains(pseudonym, pivotText);
        Assert.DoesNotContain(shared, pivotText);
        await GatewayHttp.AssertRdapErrorAsync(otherCasePivot, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_reverse_search_by_a_pseudonym_finds_the_domains_of_the_value_behind_it()
    {
        var shared = $"rev.{Guid.NewGuid():N}@campaign.example";
        var names = new[] { SampleRecords.UniqueName("pseudo-rev-a"), SampleRecords.UniqueName("pseudo-rev-b") }.Order(StringComparer.Ordinal).ToArray();
        foreach (var name in names)
        {
            var record = SampleRecords.Full(name);
            await fixture.PutAsync(record with { Registrant = record.Registrant! with { Email = shared } });
        }
        using var client = await PseudonymisedAsync(DataElement.RegistrantEmail);
        var (_, first) = await client.GetRdapAsync($"/rdap/domain/{names[0]}");
        var pseudonym = Email(first, "registrant")!;

        var (response, found) = await client.GetRdapAsync($"/rdap/domains/reverse_search/entity?email={Uri.EscapeDataString(pseudonym)}&role=registrant");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(names, found["domainSearchResults"]!.AsArray().Select(d => d!["ldhName"]!.GetValue<string>()));
        Assert.DoesNotContain(shared, found.ToJsonString());
    }

    [Fact]
    public async Task Closing_the_case_destroys_its_pseudonyms_whose_directory_never_held_a_plain_value()
    {
        var name = SampleRecords.UniqueName("pseudo-close");
        var email = $"closing.{Guid.NewGuid():N}@person.example";
        var record = SampleRecords.Full(name);
        await fixture.PutAsync(record with { Registrant = record.Registrant! with { Email = email } });
        using var client = await PseudonymisedAsync(DataElement.RegistrantEmail);
        await ClusterFixture.OpenCaseAsync(client, "CASE-SHORT", RdapPurpose.CriminalInvestigationAndDnsAbuse);
        var answer = await (await client.SendAsync(ClusterFixture.InCase(client, HttpMethod.Get, $"/rdap/domain/{name}", "CASE-SHORT"))).ReadJsonAsync();
        var pseudonym = Email(answer, "registrant")!;
        var search = $"/rdap/domains/reverse_search/entity?email={Uri.EscapeDataString(pseudonym)}&role=registrant";
        var directory = new TableClient(fixture.Storage.ConnectionString, fixture.Settings.PseudonymTable);
        async Task<string[]> DirectoryRowsAsync()
        {
            var rows = new List<string>();
            await foreach (var row in directory.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {_requestorId + "|CASE-SHORT"}")))
                rows.Add(string.Join(" ", row.Select(pair => pair.Value?.ToString())));
            return [.. rows];
        }

        var before = await (await client.SendAsync(ClusterFixture.InCase(client, HttpMethod.Get, search, "CASE-SHORT"))).ReadJsonAsync();
        var rowsBefore = await DirectoryRowsAsync();
        (await client.PostAsync("/cases/CASE-SHORT/close", null)).EnsureSuccessStatusCode();
        var rowsAfter = await DirectoryRowsAsync();

        Assert.Equal([name], before["domainSearchResults"]!.AsArray().Select(d => d!["ldhName"]!.GetValue<string>()));
        Assert.Contains(rowsBefore, row => row.Contains(pseudonym));
        Assert.All(rowsBefore, row => Assert.DoesNotContain(email, row));
        Assert.Empty(rowsAfter);
    }
}
