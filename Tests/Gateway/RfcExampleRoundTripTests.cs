using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Rds.Disclosure;
using Rds.Gateway.Rdap;
using Rds.Grains.Disclosure;
using Rds.Registrations;
using Rds.Tests.Infrastructure;
using Rds.Tests.Rdap;

namespace Rds.Tests.Gateway;

/// <summary>The data of RFC 9537 Figure 11, imported through the bulk endpoint and rendered again, gives back its fields.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RfcExampleRoundTripTests(ClusterFixture fixture)
{
    private static readonly JsonObject Figure11 =
        (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "RdapExamples", "rfc9537-fig11-domain-lookup-unredacted.json")))!;

    private static readonly DisclosureRequest Everything = new()
    {
        Requested = [.. Enum.GetValues<DataElement>()],
        Entitlements = new Entitlements { Clear = [.. Enum.GetValues<DataElement>()] },
    };

    [Fact]
    public async Task Figure_11_imported_in_bulk_renders_its_public_fields_back()
    {
        var record = RdapExampleConverter.ToRecord(Figure11);
        using var content = new StringContent(RegistrationJson.Serialize(record) + "\n", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        var report = await (await fixture.Operator.PostAsync("/admin/domains/bulk", content)).ReadJsonAsync();
        Assert.True(report["failed"]!.GetValue<int>() == 0, report.ToJsonString());

        var (response, rendered) = await fixture.Http.GetRdapAsync("/rdap/domain/example.com");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        RdapSchemaValidator.Instance.AssertValid(rendered, RdapObjectKind.Domain);
        Assert.Equal(Figure11["ldhName"]!.GetValue<string>(), rendered["ldhName"]!.GetValue<string>());
        Assert.Equal(Figure11["handle"]!.GetValue<string>(), rendered["handle"]!.GetValue<string>());
        Assert.Equal(Strings(Figure11["status"]!), Strings(rendered["status"]!));
        foreach (var action in new[] { "registration", "last changed", "expiration" })
            Assert.Equal(Figure11.EventDate(action), rendered.EventDate(action));
        Assert.Equal(Figure11["nameservers"]!.AsArray().Select(n => n!["ldhName"]!.GetValue<string>()), rendered["nameservers"]!.AsArray().Select(n => n!["ldhName"]!.GetValue<string>()));
        Assert.Equal(Figure11["secureDNS"]!["delegationSigned"]!.GetValue<bool>(), rendered["secureDNS"]!["delegationSigned"]!.GetValue<bool>());

        var registrar = rendered.Entity("registrar");
        var expectedRegistrar = Figure11.Entity("registrar");
        Assert.Equal(expectedRegistrar["publicIds"]![0]!["identifier"]!.GetValue<string>(), registrar["publicIds"]![0]!["identifier"]!.GetValue<string>());
        Assert.Equal(expectedRegistrar.VCardProperties("fn")[0][3]!.GetValue<string>(), registrar.VCardProperties("fn")[0][3]!.GetValue<string>());
        var abuse = (JsonObject)registrar["entities"]![0]!;
        var expectedAbuse = (JsonObject)expectedRegistrar["entities"]![0]!;
        Assert.Equal(expectedAbuse.VCardProperties("email")[0][3]!.GetValue<string>(), abuse.VCardProperties("email")[0][3]!.GetValue<string>());
        Assert.Equal(RdapExampleConverter.Tel(expectedAbuse, "voice").Number, RdapExampleConverter.Tel(abuse, "voice").Number);

        // Public in the profile: the registrant's organisation, region and country.
        var registrant = rendered.Entity("registrant");
        Assert.Equal("Example Inc.", registrant.VCardProperties("org")[0][3]!.GetValue<string>());
        Assert.Equal("QC", registrant.VCardProperties("adr")[0][3]![4]!.GetValue<string>());
    }

    [Fact]
    public void Figure_11_rendered_with_every_element_disclosed_gives_back_its_contact_fields()
    {
        var record = RegistrationNormalizer.Normalize(RdapExampleConverter.ToRecord(Figure11)).Record!;
        var disclosed = DisclosurePolicy.Shape(record, Everything, DateTimeOffset.UnixEpoch);
        var renderer = new RdapRenderer(Options.Create(new RdapOptions()));

        var rendered = renderer.RenderDomain(disclosed, new RdapRequestContext("https://rdap.example/rdap/domain/example.com", "https://rdap.example/rdap"));

        RdapSchemaValidator.Instance.AssertValid(rendered, RdapObjectKind.Domain);
        foreach (var role in new[] { "registrant", "technical" })
        {
            var expected = Figure11.Entity(role);
            var actual = rendered.Entity(role);
            Assert.Equal(expected["handle"]!.GetValue<string>(), actual["handle"]!.GetValue<string>());
            Assert.Equal(expected.VCardProperties("fn")[0][3]!.GetValue<string>(), actual.VCardProperties("fn")[0][3]!.GetValue<string>());
            Assert.Equal(expected.VCardProperties("email")[0][3]!.GetValue<string>(), actual.VCardProperties("email")[0][3]!.GetValue<string>());
            Assert.Equal(RdapExampleConverter.Tel(expected, "voice"), RdapExampleConverter.Tel(actual, "voice"));
        }
        var registrant = rendered.Entity("registrant");
        var expectedRegistrant = Figure11.Entity("registrant");
        Assert.Equal(expectedRegistrant.VCardProperties("org")[0][3]!.GetValue<string>(), registrant.VCardProperties("org")[0][3]!.GetValue<string>());
        Assert.Equal(RdapExampleConverter.Tel(expectedRegistrant, "fax"), RdapExampleConverter.Tel(registrant, "fax"));
        var expectedAddress = expectedRegistrant.VCardProperties("adr")[0][3]!.AsArray();
        var address = registrant.VCardProperties("adr")[0];
        Assert.Equal(RdapExampleConverter.StreetLines(expectedAddress).ToArray(), RdapExampleConverter.StreetLines(address[3]!.AsArray()).ToArray());
        for (var component = 3; component <= 5; component++)
            Assert.Equal(expectedAddress[component]!.GetValue<string>(), address[3]![component]!.GetValue<string>());
        // RP 2024 §1.4: the country travels as the cc parameter, the country name stays empty.
        Assert.Equal("CA", address[1]!["cc"]!.GetValue<string>());
        Assert.Empty(rendered["redacted"]?.AsArray() ?? []);
    }

    private static string[] Strings(JsonNode array) => [.. array.AsArray().Select(s => s!.GetValue<string>())];
}
