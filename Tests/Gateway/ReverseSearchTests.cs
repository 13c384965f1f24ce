using System.Net;
using System.Text.Json.Nodes;
using Rds.Disclosure;
using Rds.Registrations;
using Rds.Requestors;
using Rds.Tests.Infrastructure;
using Rds.Tests.Rdap;

namespace Rds.Tests.Gateway;

/// <summary>RFC 9536 reverse searches: domains by a contact's email, handle or organisation, never past what a lookup discloses.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ReverseSearchTests(ClusterFixture fixture)
{
    private const string Path = "/rdap/domains/reverse_search/entity";

    private async Task<string[]> StoredAsync(string prefix, int count, Func<RegistrationRecord, RegistrationRecord> shape)
    {
        var names = Enumerable.Range(0, count).Select(i => SampleRecords.UniqueName($"{prefix}{i}")).Order(StringComparer.Ordinal).ToArray();
        foreach (var name in names)
            await fixture.PutAsync(shape(SampleRecords.Full(name)));
        return names;
    }

    private static string[] Names(JsonObject answer) =>
        [.. answer["domainSearchResults"]!.AsArray().Select(d => d!["ldhName"]!.GetValue<string>())];

    private Task<HttpClient> InvestigatorAsync(params DataElement[] elements) =>
        fixture.RequestorClientAsync("rev-" + Guid.NewGuid().ToString("N")[..12], RdapPurpose.CriminalInvestigationAndDnsAbuse, elements);

    [Fact]
    public async Task An_entitled_email_search_finds_every_domain_of_that_registrant_with_the_mapping()
    {
        var email = $"Owner.{Guid.NewGuid():N}@Campaign.Example";
        var names = await StoredAsync("rev-mail", 3, r => r with { Registrant = r.Registrant! with { Email = email } });
        using var investigator = await InvestigatorAsync(DataElement.RegistrantEmail);

        var (response, answer) = await investigator.GetRdapAsync($"{Path}?email={Uri.EscapeDataString(email.ToUpperInvariant().Replace("OWNER", "Owner"))}&role=registrant&count=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(names, Names(answer));
        Assert.Equal(3, answer["paging_metadata"]!["totalCount"]!.GetValue<int>());
        Assert.Contains("reverse_search", answer["rdapConformance"]!.AsArray().Select(c => c!.GetValue<string>()));
        var mapped = answer["reverse_search_properties_mapping"]!.AsArray().Select(m => m!["property"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(["email", "role"], mapped);
        RdapSchemaValidator.Instance.AssertValid(answer, RdapObjectKind.DomainSearch);
    }

    [Fact]
    public async Task An_email_search_by_a_request_that_does_not_disclose_emails_is_403()
    {
        var email = $"hidden.{Guid.NewGuid():N}@campaign.example";
        await StoredAsync("rev-hidden", 1, r => r with { Registrant = r.Registrant! with { Email = email } });

        var refused = await fixture.Http.GetAsync($"{Path}?email={Uri.EscapeDataString(email)}");

        var body = await GatewayHttp.AssertRdapErrorAsync(refused, HttpStatusCode.Forbidden);
        Assert.Contains("Registrant Email", body["description"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_role_an_email_matches_only_the_roles_the_request_discloses()
    {
        var email = $"both.{Guid.NewGuid():N}@campaign.example";
        var asRegistrant = await StoredAsync("rev-asreg", 1, r => r with { Registrant = r.Registrant! with { Email = email } });
        var asTech = await StoredAsync("rev-astech", 1, r => r with { Tech = r.Tech! with { Email = email } });
        using var registrantOnly = await InvestigatorAsync(DataElement.RegistrantEmail);
        using var both = await InvestigatorAsync(DataElement.RegistrantEmail, DataElement.TechEmail);

        var (_, narrow) = await registrantOnly.GetRdapAsync($"{Path}?email={Uri.EscapeDataString(email)}");
        var (_, wide) = await both.GetRdapAsync($"{Path}?email={Uri.EscapeDataString(email)}");

        Assert.Equal(asRegistrant, Names(narrow));
        Assert.Equal(asRegistrant.Concat(asTech).Order(StringComparer.Ordinal), Names(wide));
    }

    [Fact]
    public async Task A_handle_search_uses_the_registry_contact_id()
    {
        var handle = $"C{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var names = await StoredAsync("rev-handle", 2, r => r with { Registrant = r.Registrant! with { Handle = handle } });
        using var investigator = await InvestigatorAsync(DataElement.RegistryRegistrantId);

        var (response, answer) = await investigator.GetRdapAsync($"{Path}?handle={handle}&role=registrant");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(names, Names(answer));
    }

    [Fact]
    public async Task The_organisation_extension_is_public_and_pages_with_a_signed_cursor()
    {
        var organization = $"Campaign Holdings {Guid.NewGuid():N}";
        var names = await StoredAsync("rev-org", ClusterFixture.SearchPageSize + 2, r => r with { Registrant = r.Registrant! with { Organization = organization } });

        var (_, first) = await fixture.Http.GetRdapAsync($"{Path}?rds_org={Uri.EscapeDataString("  " + organization.ToUpperInvariant() + " ")}");
        var next = first["paging_metadata"]!["links"]![0]!["href"]!.GetValue<string>();
        var (_, second) = await fixture.Http.GetRdapAsync(next);
        var tampered = await fixture.Http.GetAsync(next.Replace("cursor=", "cursor=x"));

        Assert.Equal(names, Names(first).Concat(Names(second)));
        Assert.Contains("/rdap/domains/reverse_search/entity?", next);
        await GatewayHttp.AssertRdapErrorAsync(tampered, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("fn=Alice%20Registrant", HttpStatusCode.UnprocessableContent)]
    [InlineData("rds_org=Example*", HttpStatusCode.UnprocessableContent)]
    [InlineData("rds_org=Example&role=technical", HttpStatusCode.UnprocessableContent)]
    [InlineData("rds_org=Example&role=administrative", HttpStatusCode.UnprocessableContent)]
    [InlineData("rds_org=Example&handle=C1", HttpStatusCode.UnprocessableContent)]
    [InlineData("role=registrant", HttpStatusCode.BadRequest)]
    [InlineData("rds_org=", HttpStatusCode.BadRequest)]
    [InlineData("rds_org=A&rds_org=B", HttpStatusCode.BadRequest)]
    [InlineData("rds_org=Example&colour=blue", HttpStatusCode.BadRequest)]
    [InlineData("rds_org=Example&count=maybe", HttpStatusCode.BadRequest)]
    public async Task A_reverse_search_that_cannot_be_served_says_why(string query, HttpStatusCode status) =>
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"{Path}?{query}"), status);

    [Fact]
    public async Task An_invalid_email_is_400_for_an_entitled_request()
    {
        using var investigator = await InvestigatorAsync(DataElement.RegistrantEmail);

        await GatewayHttp.AssertRdapErrorAsync(await investigator.GetAsync($"{Path}?email=not-an-email&role=registrant"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Help_declares_the_reverse_search_properties()
    {
        var (_, help) = await fixture.Http.GetRdapAsync("/rdap/help");

        Assert.Contains("reverse_search", help["rdapConformance"]!.AsArray().Select(c => c!.GetValue<string>()));
        var properties = help["reverse_search_properties"]!.AsArray().Cast<JsonObject>().ToArray();
        Assert.All(properties, p => Assert.Equal("domains", p["searchableResourceType"]!.GetValue<string>()));
        Assert.Equal(["email", "handle", "rds_org", "role"], properties.Select(p => p["property"]!.GetValue<string>()).Order());
        RdapSchemaValidator.Instance.AssertValid(help, RdapObjectKind.Help);
    }
}
