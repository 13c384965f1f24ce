using System.Text.Json.Nodes;

namespace Rds.Tests.Rdap;

public sealed class RdapSchemaValidatorTests
{
    private const string Fig11Unredacted = "rfc9537-fig11-domain-lookup-unredacted.json";
    private const string Fig12Redacted = "rfc9537-fig12-domain-lookup-redacted.json";
    private const string Fig14SearchRedacted = "rfc9537-fig14-domain-search-redacted.json";
    private const string VerisignHhgames = "verisign-com-hhgames-registry-2024profile.json";

    private static RdapSchemaValidator Validator => RdapSchemaValidator.Instance;

    [Theory]
    [InlineData(Fig11Unredacted)]
    [InlineData(Fig12Redacted)]
    [InlineData(VerisignHhgames)]
    public void Published_domain_responses_validate(string exampleFile) =>
        Validator.AssertValid(LoadExample(exampleFile), RdapObjectKind.Domain);

    [Fact]
    public void Redacted_member_fails_when_the_extension_is_not_declared()
    {
        var response = LoadExample(Fig12Redacted);
        RemoveConformance(response, "redacted");

        var result = Validator.Validate(response, RdapObjectKind.Domain);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.InstanceLocation == "/redacted");
    }

    [Fact]
    public void Undeclared_prefixed_member_fails_and_passes_once_its_prefix_is_declared()
    {
        var response = LoadExample(Fig11Unredacted);
        response["entities"]![0]!["rds_tier"] = "public";

        var undeclared = Validator.Validate(response, RdapObjectKind.Domain);
        ((JsonArray)response["rdapConformance"]!).Add("rds");
        var declared = Validator.Validate(response, RdapObjectKind.Domain);

        Assert.Contains(undeclared.Errors, e => e.InstanceLocation == "/entities/0/rds_tier");
        Assert.True(declared.IsValid, declared.ToString());
    }

    [Fact]
    public void Validation_leaves_the_callers_response_untouched()
    {
        var response = LoadExample(Fig12Redacted);
        var before = response.ToJsonString();

        Validator.Validate(response, RdapObjectKind.Domain);

        Assert.Equal(before, response.ToJsonString());
    }

    [Fact]
    public void Misspelt_member_fails()
    {
        var response = LoadExample(Fig11Unredacted);
        var obj = response.AsObject();
        obj["ldhNme"] = obj["ldhName"]!.DeepClone();
        obj.Remove("ldhName");

        var result = Validator.Validate(response, RdapObjectKind.Domain);

        Assert.Contains(result.Errors, e => e.InstanceLocation == "/ldhNme");
    }

    [Fact]
    public void Unregistered_status_fails()
    {
        var response = LoadExample(Fig11Unredacted);
        response["status"]![0] = "serverDeleteProhibited";

        var result = Validator.Validate(response, RdapObjectKind.Domain);

        var error = Assert.Single(result.Errors);
        Assert.Equal("/status/0", error.InstanceLocation);
    }

    [Fact]
    public void Unregistered_event_action_and_role_fail()
    {
        var response = LoadExample(VerisignHhgames);
        response["events"]![0]!["eventAction"] = "created";
        response["entities"]![0]!["roles"]![0] = "sponsoring registrar";

        var result = Validator.Validate(response, RdapObjectKind.Domain);

        Assert.Equal(
            ["/entities/0/roles/0", "/events/0/eventAction"],
            result.Errors.Select(e => e.InstanceLocation).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Domain_search_with_declared_per_result_redactions_validates() =>
        Validator.AssertValid(LoadExample(Fig14SearchRedacted), RdapObjectKind.DomainSearch);

    [Fact]
    public void Domain_search_result_is_validated_as_a_domain()
    {
        var response = LoadExample(Fig14SearchRedacted);
        response["domainSearchResults"]![1]!.AsObject().Remove("ldhName");
        response["domainSearchResults"]![1]!["objectClassName"] = "nameserver";

        var result = Validator.Validate(response, RdapObjectKind.DomainSearch);

        Assert.False(result.IsValid);
        Assert.All(result.Errors, e => Assert.StartsWith("/domainSearchResults/1", e.InstanceLocation, StringComparison.Ordinal));
    }

    [Fact]
    public void Embedded_nameserver_and_entity_validate_as_lookups_and_nameserver_search()
    {
        var domain = LoadExample(Fig11Unredacted);
        var conformance = domain["rdapConformance"]!;

        var nameserver = domain["nameservers"]![0]!.DeepClone();
        nameserver["rdapConformance"] = conformance.DeepClone();
        var entity = domain["entities"]![0]!.DeepClone();
        entity["rdapConformance"] = conformance.DeepClone();
        var search = new JsonObject
        {
            ["rdapConformance"] = conformance.DeepClone(),
            ["nameserverSearchResults"] = domain["nameservers"]!.DeepClone(),
        };

        Validator.AssertValid(nameserver, RdapObjectKind.Nameserver);
        Validator.AssertValid(entity, RdapObjectKind.Entity);
        Validator.AssertValid(search, RdapObjectKind.NameserverSearch);
        Assert.False(Validator.Validate(entity, RdapObjectKind.Nameserver).IsValid);
    }

    [Fact]
    public void Rfc9083_error_body_validates() =>
        Validator.AssertValid(
            JsonNode.Parse("""{"rdapConformance":["rdap_level_0"],"errorCode":404,"title":"Not Found","description":["The domain is not registered here."]}""")!,
            RdapObjectKind.Error);

    [Fact]
    public void Error_body_with_string_error_code_fails()
    {
        var response = JsonNode.Parse("""{"rdapConformance":["rdap_level_0"],"errorCode":"404","title":"Not Found","description":["The domain is not registered here."]}""")!;

        var result = Validator.Validate(response, RdapObjectKind.Error);

        Assert.Contains(result.Errors, e => e.InstanceLocation == "/errorCode");
    }

    [Fact]
    public void Rfc9083_help_response_validates() =>
        Validator.AssertValid(
            JsonNode.Parse("""
                {
                  "rdapConformance": ["rdap_level_0"],
                  "notices": [
                    {
                      "title": "Authentication Policy",
                      "description": ["Access to sensitive data for users with proper credentials."],
                      "links": [
                        {
                          "value": "https://example.net/help",
                          "rel": "alternate",
                          "type": "text/html",
                          "href": "https://www.example.com/auth_policy.html"
                        }
                      ]
                    }
                  ]
                }
                """)!,
            RdapObjectKind.Help);

    [Fact]
    public void Help_response_with_a_domain_member_fails()
    {
        var response = JsonNode.Parse("""{"rdapConformance":["rdap_level_0"],"ldhName":"example.com"}""")!;

        Assert.Contains(Validator.Validate(response, RdapObjectKind.Help).Errors, e => e.InstanceLocation == "/ldhName");
    }

    private static JsonNode LoadExample(string fileName) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "RdapExamples", fileName)))!;

    private static void RemoveConformance(JsonNode response, string identifier)
    {
        var conformance = (JsonArray)response["rdapConformance"]!;
        conformance.Remove(conformance.Single(v => v!.GetValue<string>() == identifier));
    }
}
