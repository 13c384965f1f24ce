using System.Net;
using System.Text.Json.Nodes;
using Rds.Tests.Infrastructure;
using Rds.Tests.Rdap;

namespace Rds.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class DomainLookupTests(ClusterFixture fixture)
{
    private async Task<(string Name, JsonObject Body, HttpResponseMessage Response)> StoredAndLookedUpAsync(string prefix)
    {
        var name = SampleRecords.UniqueName(prefix);
        await fixture.PutAsync(SampleRecords.Full(name));
        var (response, body) = await fixture.Http.GetRdapAsync($"/rdap/domain/{name}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (name, body, response);
    }

    [Fact]
    public async Task Lookup_answers_rdap_json_valid_against_icann_schemas()
    {
        var (_, body, _) = await StoredAndLookedUpAsync("schema");

        RdapSchemaValidator.Instance.AssertValid(body, RdapObjectKind.Domain);
    }

    [Fact]
    public async Task Lookup_declares_the_profile_conformance_and_object_class()
    {
        var (name, body, _) = await StoredAndLookedUpAsync("conf");

        var conformance = body["rdapConformance"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        Assert.Contains("rdap_level_0", conformance);
        Assert.Contains("icann_rdap_technical_implementation_guide_1", conformance);
        Assert.Contains("icann_rdap_response_profile_1", conformance);
        Assert.Contains("redacted", conformance);
        Assert.Equal("domain", body["objectClassName"]!.GetValue<string>());
        Assert.Equal(name, body["ldhName"]!.GetValue<string>());
        Assert.Equal("D1234_DOMAIN-EXAMPLE", body["handle"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lookup_carries_the_profile_events()
    {
        var (_, body, _) = await StoredAndLookedUpAsync("events");

        Assert.Equal("2020-01-02T03:04:05Z", body.EventDate("registration"));
        Assert.Equal("2023-01-02T03:04:05Z", body.EventDate("expiration"));
        Assert.Equal("2020-02-01T03:04:05Z", body.EventDate("last changed"));
        Assert.Equal("2023-01-03T03:04:05Z", body.EventDate("registrar expiration"));
        var databaseUpdate = DateTimeOffset.Parse(body.EventDate("last update of RDAP database")!);
        Assert.InRange(databaseUpdate, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_domain_never_updated_has_no_last_changed_event()
    {
        var name = SampleRecords.UniqueName("unchanged");
        await fixture.PutAsync(SampleRecords.Full(name, SampleRecords.Created));

        var (_, body) = await fixture.Http.GetRdapAsync($"/rdap/domain/{name}");

        Assert.Null(body.EventDate("last changed"));
        Assert.NotNull(body.EventDate("registration"));
    }

    [Fact]
    public async Task Registrar_entity_has_iana_id_as_handle_and_public_id_an_about_link_and_an_abuse_contact()
    {
        var (_, body, _) = await StoredAndLookedUpAsync("registrar");

        var registrar = body.Entity("registrar");
        Assert.Equal("292", registrar["handle"]!.GetValue<string>());
        var publicId = registrar["publicIds"]!.AsArray().Single()!;
        Assert.Equal("IANA Registrar ID", publicId["type"]!.GetValue<string>());
        Assert.Equal("292", publicId["identifier"]!.GetValue<string>());
        Assert.Equal("Example Registrar Inc.", registrar.VCardProperties("fn").Single()[3]!.GetValue<string>());
        var about = registrar["links"]!.AsArray().Single()!;
        Assert.Equal("about", about["rel"]!.GetValue<string>());
        Assert.Equal("https://registrar.example", about["href"]!.GetValue<string>());
        var abuse = registrar["entities"]!.AsArray().Cast<JsonObject>().Single();
        Assert.Equal("abuse", abuse["roles"]![0]!.GetValue<string>());
        Assert.Equal("tel:+1.5555550100", abuse.VCardProperties("tel").Single()[3]!.GetValue<string>());
        Assert.Equal("abuse@registrar.example", abuse.VCardProperties("email").Single()[3]!.GetValue<string>());
    }

    [Fact]
    public async Task Nameservers_carry_their_addresses_and_dnssec_its_ds_data()
    {
        var (_, body, _) = await StoredAndLookedUpAsync("ns");

        var nameservers = body["nameservers"]!.AsArray().Cast<JsonObject>().ToArray();
        Assert.Equal(["ns1.host.example", "ns2.host.example"], nameservers.Select(n => n["ldhName"]!.GetValue<string>()));
        Assert.All(nameservers, n => Assert.Equal("nameserver", n["objectClassName"]!.GetValue<string>()));
        Assert.Equal("192.0.2.1", nameservers[0]["ipAddresses"]!["v4"]![0]!.GetValue<string>());
        Assert.Equal("2001:db8::1", nameservers[0]["ipAddresses"]!["v6"]![0]!.GetValue<string>());
        Assert.Null(nameservers[1]["ipAddresses"]);
        Assert.True(body["secureDNS"]!["delegationSigned"]!.GetValue<bool>());
        var ds = body["secureDNS"]!["dsData"]![0]!;
        Assert.Equal(12345, ds["keyTag"]!.GetValue<int>());
        Assert.Equal(13, ds["algorithm"]!.GetValue<int>());
        Assert.Equal(2, ds["digestType"]!.GetValue<int>());
    }

    [Fact]
    public async Task Statuses_are_rendered_as_rfc_8056_rdap_values()
    {
        var (_, body, _) = await StoredAndLookedUpAsync("status");

        Assert.Equal(["client transfer prohibited", "server delete prohibited"], body["status"]!.AsArray().Select(s => s!.GetValue<string>()));
    }

    [Fact]
    public async Task Notices_carry_terms_status_codes_and_inaccuracy_form_with_the_query_url_as_link_value()
    {
        var (name, body, _) = await StoredAndLookedUpAsync("notices");
        var queryUrl = new Uri(fixture.GatewayAddress, $"/rdap/domain/{name}").ToString();

        var terms = body.Notice("Terms of Use")["links"]![0]!;
        Assert.Equal("terms-of-service", terms["rel"]!.GetValue<string>());
        Assert.Equal(queryUrl, terms["value"]!.GetValue<string>());
        var status = body.Notice("Status Codes");
        Assert.Contains("https://icann.org/epp", status["description"]![0]!.GetValue<string>());
        Assert.Equal("glossary", status["links"]![0]!["rel"]!.GetValue<string>());
        Assert.Equal("https://icann.org/epp", status["links"]![0]!["href"]!.GetValue<string>());
        Assert.Equal(queryUrl, status["links"]![0]!["value"]!.GetValue<string>());
        var inaccuracy = body.Notice("RDDS Inaccuracy Complaint Form");
        Assert.Equal("URL of the ICANN RDDS Inaccuracy Complaint Form: https://icann.org/wicf", inaccuracy["description"]![0]!.GetValue<string>());
        Assert.Equal("help", inaccuracy["links"]![0]!["rel"]!.GetValue<string>());
        Assert.Equal("https://icann.org/wicf", inaccuracy["links"]![0]!["href"]!.GetValue<string>());
        Assert.Equal(queryUrl, inaccuracy["links"]![0]!["value"]!.GetValue<string>());
        var self = body["links"]!.AsArray().Single()!;
        Assert.Equal("self", self["rel"]!.GetValue<string>());
        Assert.Equal(queryUrl, self["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_public_view_withholds_contact_personal_data_with_appendix_e_redactions()
    {
        var (_, body, _) = await StoredAndLookedUpAsync("redact");
        var text = body.ToJsonString();

        foreach (var personal in new[] { "Alice Registrant", "alice@holdings.example", "5555551234", "1 Main Street", "Springfield", "G1V 2M2", "C100-EXAMPLE", "Bob Tech", "bob@tech.example", "C200-EXAMPLE" })
            Assert.DoesNotContain(personal, text);

        var registrant = body.Entity("registrant");
        Assert.Null(registrant["handle"]);
        Assert.Equal("", registrant.VCardProperties("fn").Single()[3]!.GetValue<string>());
        Assert.Equal("Example Holdings", registrant.VCardProperties("org").Single()[3]!.GetValue<string>());
        var address = registrant.VCardProperties("adr").Single();
        Assert.Equal("CA", address[1]!["cc"]!.GetValue<string>());
        Assert.Equal("", address[3]![6]!.GetValue<string>());
        Assert.Equal("QC", address[3]![4]!.GetValue<string>());
        Assert.Empty(registrant.VCardProperties("email"));
        Assert.Single(registrant.VCardProperties("contact-uri"));

        var redacted = body["redacted"]!.AsArray().Cast<JsonObject>().ToDictionary(r => r["name"]!["type"]!.GetValue<string>());
        Assert.Equal("emptyValue", redacted["Registrant Name"]["method"]!.GetValue<string>());
        Assert.Equal("$.entities[?(@.roles[0]=='registrant')].vcardArray[1][?(@[0]=='fn')][3]", redacted["Registrant Name"]["postPath"]!.GetValue<string>());
        Assert.Equal("removal", redacted["Registry Registrant ID"]["method"]!.GetValue<string>());
        Assert.Equal("$.entities[?(@.roles[0]=='registrant')].handle", redacted["Registry Registrant ID"]["prePath"]!.GetValue<string>());
        Assert.Equal("replacementValue", redacted["Registrant Email"]["method"]!.GetValue<string>());
        Assert.NotNull(redacted["Registrant Email"]["replacementPath"]);
        Assert.Equal("removal", redacted["Registrant Phone"]["method"]!.GetValue<string>());
        foreach (var element in new[] { "Registrant Street", "Registrant City", "Registrant Postal Code", "Registrant Fax", "Registrant Phone Ext", "Registry Tech ID", "Tech Name", "Tech Phone", "Tech Email" })
            Assert.True(redacted.ContainsKey(element), element);
        Assert.False(redacted.ContainsKey("Registrant Organization"));
    }

    [Fact]
    public async Task A_u_label_query_and_its_a_label_give_the_same_answer()
    {
        var record = SampleRecords.Full($"bücher-{Guid.NewGuid():N}"[..20] + ".example");
        var normalized = Rds.Registrations.RegistrationNormalizer.Normalize(record).Record!;
        await fixture.PutAsync(normalized);

        var (byALabel, aBody) = await fixture.Http.GetRdapAsync($"/rdap/domain/{normalized.DomainName}");
        var (byULabel, uBody) = await fixture.Http.GetRdapAsync($"/rdap/domain/{Uri.EscapeDataString(normalized.UnicodeName!)}");

        Assert.Equal(HttpStatusCode.OK, byALabel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byULabel.StatusCode);
        Assert.Equal(normalized.DomainName, uBody["ldhName"]!.GetValue<string>());
        Assert.Equal(normalized.UnicodeName, uBody["unicodeName"]!.GetValue<string>());
        Assert.Equal(Strip(aBody), Strip(uBody));

        // Everything but the links that echo the query URL is identical.
        static string Strip(JsonObject body) => System.Text.RegularExpressions.Regex.Replace(body.ToJsonString(), "\"value\":\"[^\"]*\"", "");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Upper_case_and_a_trailing_dot_are_normalised_not_refused(bool upperCase, bool trailingDot)
    {
        var name = SampleRecords.UniqueName("norm");
        await fixture.PutAsync(SampleRecords.Full(name));
        var query = (upperCase ? name.ToUpperInvariant() : name) + (trailingDot ? "." : "");

        var (response, body) = await fixture.Http.GetRdapAsync($"/rdap/domain/{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(name, body["ldhName"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_name_is_404_with_rdap_error_body()
    {
        var response = await fixture.Http.GetAsync($"/rdap/domain/{SampleRecords.UniqueName("missing")}");

        await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("xn--bcher-kva.b%C3%BCcher.example")]
    [InlineData("xn--zz.example")]
    [InlineData("a_b.example")]
    [InlineData("a%2Fb.example")]
    [InlineData("a/b.example")]
    [InlineData("a%23b.example")]
    [InlineData("a%3Fb.example")]
    [InlineData("a%5Cb.example")]
    [InlineData("exa%0Dmple.example")]
    [InlineData("exa%20mple.example")]
    [InlineData("example..com")]
    [InlineData("%2E")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.example")]
    public async Task Invalid_names_are_400_with_rdap_error_body(string name)
    {
        var response = await fixture.Http.GetAsync($"/rdap/domain/{name}");

        var body = await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.True(body["description"]!.AsArray().Count >= 2, "the description says why");
    }

    [Fact]
    public async Task A_nul_character_in_the_path_is_refused_by_kestrel_with_400()
    {
        // Kestrel rejects a decoded NUL in the request target before the application runs, so no RDAP body is possible.
        using var response = await fixture.Http.GetAsync("/rdap/domain/exa%00mple.example");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_name_over_253_octets_is_400()
    {
        var label = new string('a', 60);
        var response = await fixture.Http.GetAsync($"/rdap/domain/{label}.{label}.{label}.{label}.{label}.example");

        await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_empty_name_is_400()
    {
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync("/rdap/domain/"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Head_answers_like_get_without_a_body()
    {
        var (name, body, get) = await StoredAndLookedUpAsync("head");

        using var head = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/rdap/domain/{name}"));
        using var headMissing = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/rdap/domain/{SampleRecords.UniqueName("nohead")}"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/rdap+json", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, headMissing.StatusCode);
    }

    [Fact]
    public async Task Answers_allow_any_origin()
    {
        var (_, _, get) = await StoredAndLookedUpAsync("cors");
        using var missing = await fixture.Http.GetAsync($"/rdap/domain/{SampleRecords.UniqueName("nocors")}");

        Assert.Equal("*", get.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("*", missing.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Help_is_valid_and_links_to_usage_and_terms()
    {
        var (response, body) = await fixture.Http.GetRdapAsync("/rdap/help");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RdapSchemaValidator.Instance.AssertValid(body, RdapObjectKind.Help);
        Assert.Contains(body["notices"]!.AsArray(), n => n!["links"]!.AsArray().Any(l => l!["rel"]!.GetValue<string>() == "help"));
        Assert.Equal("terms-of-service", body.Notice("Terms of Use")["links"]![0]!["rel"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unsupported_query_type_is_501_with_rdap_error_body()
    {
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync("/rdap/autnum/64496"), HttpStatusCode.NotImplemented);
    }
}
