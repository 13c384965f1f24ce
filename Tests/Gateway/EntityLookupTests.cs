using System.Net;
using Rds.Registrations;
using Rds.Tests.Infrastructure;
using Rds.Tests.Rdap;

namespace Rds.Tests.Gateway;

[Collection(ClusterCollection.Name)]
public sealed class EntityLookupTests(ClusterFixture fixture)
{
    private static string UniqueIanaId() => Random.Shared.NextInt64(100_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static RegistrationRecord SponsoredBy(string ianaId, string name, DateTimeOffset updated) =>
        SampleRecords.Full(SampleRecords.UniqueName("sponsored"), updated) with
        {
            Registrar = new Registrar
            {
                Name = name,
                IanaId = ianaId,
                WhoisServer = "whois.registrar.example",
                Url = "https://registrar.example",
                AbuseEmail = "abuse@registrar.example",
                AbusePhone = "+1.5555550100",
            },
        };

    [Fact]
    public async Task A_registrar_is_found_by_its_iana_id_as_the_same_entity_a_domain_shows()
    {
        var ianaId = UniqueIanaId();
        var record = SponsoredBy(ianaId, "Handle Test Registrar", SampleRecords.Created.AddDays(30));
        await fixture.PutAsync(record);
        var (_, domain) = await fixture.Http.GetRdapAsync($"/rdap/domain/{record.DomainName}");
        var handle = domain.Entity("registrar")["handle"]!.GetValue<string>();

        var (response, body) = await fixture.Http.GetRdapAsync($"/rdap/entity/{handle}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RdapSchemaValidator.Instance.AssertValid(body, RdapObjectKind.Entity);
        Assert.Equal(ianaId, body["handle"]!.GetValue<string>());
        Assert.Equal(["registrar"], body["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("IANA Registrar ID", body["publicIds"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(ianaId, body["publicIds"]![0]!["identifier"]!.GetValue<string>());
        Assert.Equal("Handle Test Registrar", body.VCardProperties("fn").Single()[3]!.GetValue<string>());
        Assert.Equal("whois.registrar.example", body["port43"]!.GetValue<string>());
        Assert.Equal("abuse@registrar.example", body.Entity("abuse").VCardProperties("email").Single()[3]!.GetValue<string>());
        Assert.Contains(body["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "self" && l["href"]!.GetValue<string>().EndsWith($"/rdap/entity/{ianaId}", StringComparison.Ordinal));
        Assert.Contains("icann_rdap_response_profile_1", body["rdapConformance"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("terms-of-service", body.Notice("Terms of Use")["links"]![0]!["rel"]!.GetValue<string>());
        Assert.NotNull(body.EventDate("last update of RDAP database"));
    }

    [Fact]
    public async Task The_newest_record_decides_the_registrar_details_whatever_the_arrival_order()
    {
        var ianaId = UniqueIanaId();
        await fixture.PutAsync(SponsoredBy(ianaId, "Newer Name", SampleRecords.Created.AddDays(60)));
        await fixture.PutAsync(SponsoredBy(ianaId, "Older Name", SampleRecords.Created.AddDays(10)));

        var (_, body) = await fixture.Http.GetRdapAsync($"/rdap/entity/{ianaId}");

        Assert.Equal("Newer Name", body.VCardProperties("fn").Single()[3]!.GetValue<string>());
    }

    [Fact]
    public async Task A_registrar_is_found_by_its_name_in_any_case_and_spacing_and_loses_an_old_name()
    {
        var ianaId = UniqueIanaId();
        var old = $"Old Name {ianaId} Registrar, Inc.";
        var current = $"New Name {ianaId} Registrar, Inc.";
        await fixture.PutAsync(SponsoredBy(ianaId, old, SampleRecords.Created.AddDays(10)));
        await fixture.PutAsync(SponsoredBy(ianaId, current, SampleRecords.Created.AddDays(60)));

        var (response, body) = await fixture.Http.GetRdapAsync($"/rdap/entity/{Uri.EscapeDataString(current.ToUpperInvariant().Replace(" ", "  "))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RdapSchemaValidator.Instance.AssertValid(body, RdapObjectKind.Entity);
        Assert.Equal(ianaId, body["handle"]!.GetValue<string>());
        Assert.Equal(current, body.VCardProperties("fn").Single()[3]!.GetValue<string>());
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/entity/{Uri.EscapeDataString(old)}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Contact_handles_are_not_disclosed_to_the_public_and_answer_exactly_like_unknown_handles()
    {
        var registrant = $"C{Random.Shared.Next():D10}-EXAMPLE";
        var tech = $"T{Random.Shared.Next():D10}-EXAMPLE";
        var record = SampleRecords.Full(SampleRecords.UniqueName("contacts"));
        await fixture.PutAsync(record with
        {
            Registrant = record.Registrant! with { Handle = registrant },
            Tech = record.Tech! with { Handle = tech },
        });

        using var ofRegistrant = await fixture.Http.GetAsync($"/rdap/entity/{registrant}");
        using var ofTech = await fixture.Http.GetAsync($"/rdap/entity/{tech}");
        using var unknown = await fixture.Http.GetAsync($"/rdap/entity/U{Random.Shared.Next():D10}-EXAMPLE");

        foreach (var (response, handle) in new[] { (ofRegistrant, registrant), (ofTech, tech) })
        {
            var body = await GatewayHttp.AssertRdapErrorAsync(response, HttpStatusCode.NotFound);
            var text = body.ToJsonString();
            Assert.DoesNotContain("Alice", text);
            Assert.DoesNotContain("alice@holdings.example", text);
            Assert.Equal($"No entity with the handle '{handle}'.", body["description"]![0]!.GetValue<string>());
        }
        var unknownBody = await GatewayHttp.AssertRdapErrorAsync(unknown, HttpStatusCode.NotFound);
        Assert.StartsWith("No entity with the handle", unknownBody["description"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_iana_id_is_404_and_head_has_no_body()
    {
        var ianaId = UniqueIanaId();
        await fixture.PutAsync(SponsoredBy(ianaId, "Head Registrar", SampleRecords.Created.AddDays(30)));

        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/entity/{UniqueIanaId()}"), HttpStatusCode.NotFound);
        using var get = await fixture.Http.GetAsync($"/rdap/entity/{ianaId}");
        using var head = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/rdap/entity/{ianaId}"));
        using var headMissing = await fixture.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/rdap/entity/{UniqueIanaId()}"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, headMissing.StatusCode);
        Assert.Empty(await headMissing.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("%20")]
    public async Task An_empty_handle_is_400(string handle)
    {
        await GatewayHttp.AssertRdapErrorAsync(await fixture.Http.GetAsync($"/rdap/entity/{handle}"), HttpStatusCode.BadRequest);
    }
}
