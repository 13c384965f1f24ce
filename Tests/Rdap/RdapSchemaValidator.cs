using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Rds.Tests.Rdap;

/// <summary>
/// Validates RDAP responses against ICANN's RDAP JSON Schemas (vendored in
/// <c>Data/RdapSchemas</c>, see its README), then checks status / eventAction / role values
/// against the IANA registry lists the schemas only name as custom formats.
/// <para>
/// Extension members: the schemas close every object class with
/// <c>additionalProperties: false</c>, but RFC 9083 §2.1 and RFC 7480 §6 allow members
/// registered as extensions. Before validation a copy of the response is stripped of every
/// member, at the top level and in each nested object class instance, whose name is an
/// identifier declared in the response's <c>rdapConformance</c> or starts with one followed by
/// <c>_</c> (e.g. <c>redacted</c>, <c>paging_metadata</c>, <c>rds_xyz</c>). Undeclared unknown
/// members are kept and still fail, so the allowance is tied to the declaration. The contents of
/// stripped members are not checked.
/// </para>
/// </summary>
internal sealed class RdapSchemaValidator
{
    private static readonly Lazy<RdapSchemaValidator> LazyInstance =
        new(() => new RdapSchemaValidator(Path.Combine(AppContext.BaseDirectory, "Data", "RdapSchemas")));

    // The schemas use relative $ids (= file names); any absolute base lets their relative $refs resolve.
    private static readonly Uri SchemaBaseUri = new("https://schemas.rds.test/rdap/");

    // ICANN ships no domainSearchResults schema; this mirrors rdap_nameservers.json for domains.
    private const string DomainSearchSchemaText = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "$id": "rds_domain_search.json",
          "properties": {
            "domainSearchResults": { "type": "array", "items": { "$ref": "rdap_domain.json#" }, "minItems": 1 },
            "rdapConformance": { "$ref": "rdap_common.json#/definitions/rdapConformance" },
            "lang": { "$ref": "rdap_common.json#/definitions/lang" },
            "notices": { "$ref": "rdap_notices.json#" },
            "events": { "$ref": "rdap_events.json#" },
            "remarks": { "$ref": "rdap_common.json#/definitions/remarks" }
          },
          "required": [ "domainSearchResults" ],
          "additionalProperties": false
        }
        """;

    // Hierarchical, so errors inside subschemas that did not decide the outcome (the losing
    // branches of a passing oneOf/anyOf/contains) can be told apart and left out.
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    private readonly IReadOnlyDictionary<RdapObjectKind, JsonSchema> _schemas;

    private RdapSchemaValidator(string schemaDirectory)
    {
        RegisterAddressFormats();
        var buildOptions = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var file in Directory.EnumerateFiles(schemaDirectory, "*.json"))
        {
            JsonSchema.FromFile(file, buildOptions, new Uri(SchemaBaseUri, Path.GetFileName(file)));
        }

        var domainSearch = JsonSchema.FromText(DomainSearchSchemaText, buildOptions, new Uri(SchemaBaseUri, "rds_domain_search.json"));

        JsonSchema Registered(string fileName) =>
            (JsonSchema?)buildOptions.SchemaRegistry.Get(new Uri(SchemaBaseUri, fileName))
            ?? throw new InvalidOperationException($"Schema {fileName} not found in {schemaDirectory}");

        _schemas = new Dictionary<RdapObjectKind, JsonSchema>
        {
            [RdapObjectKind.Domain] = Registered("rdap_domain.json"),
            [RdapObjectKind.Nameserver] = Registered("rdap_nameserver.json"),
            [RdapObjectKind.Entity] = Registered("rdap_entity.json"),
            [RdapObjectKind.Error] = Registered("rdap_error.json"),
            [RdapObjectKind.Help] = Registered("rdap_help.json"),
            [RdapObjectKind.NameserverSearch] = Registered("rdap_nameservers.json"),
            [RdapObjectKind.DomainSearch] = domainSearch,
        };
    }

    /// <summary>
    /// The schemas' port43 is <c>oneOf</c> an IP address or a host name, and their IP branch checks only the
    /// custom formats <c>ipv4-validation</c>/<c>ipv6-validation</c>. Unknown to a standard validator, those pass any
    /// string, so every host name would match both branches and fail the <c>oneOf</c>; these formats restore the
    /// ICANN tool's meaning.
    /// </summary>
    private static void RegisterAddressFormats()
    {
        static bool IsAddress(JsonElement value, System.Net.Sockets.AddressFamily family) =>
            value.ValueKind != JsonValueKind.String
            || (System.Net.IPAddress.TryParse(value.GetString(), out var address) && address.AddressFamily == family);
        FormatRegistry.Global.Register(new PredicateFormat("ipv4-validation", value => IsAddress(value, System.Net.Sockets.AddressFamily.InterNetwork)));
        FormatRegistry.Global.Register(new PredicateFormat("ipv6-validation", value => IsAddress(value, System.Net.Sockets.AddressFamily.InterNetworkV6)));
        FormatRegistry.Global.Register(new PredicateFormat("idn-hostname", value => value.ValueKind != JsonValueKind.String || IsIdnHostName(value.GetString()!)));
    }

    /// <summary>
    /// JsonSchema.Net's <c>idn-hostname</c> refuses every A-label: it applies RFC 5891 §4.2.3.1 (no "--" in the third
    /// and fourth positions), which is a rule for U-labels, to "xn--" labels too. An ldhName is an A-label form by
    /// definition (RFC 9083 §3), so IDN nameservers and domains could not validate. This checks what the format means
    /// (RFC 5890): every label converts both ways under IDNA with STD3 rules, labels of 1–63 octets, at most 253.
    /// </summary>
    private static bool IsIdnHostName(string name)
    {
        var idn = new System.Globalization.IdnMapping { UseStd3AsciiRules = true };
        try
        {
            var ascii = idn.GetAscii(name);
            idn.GetUnicode(ascii);
            return ascii.Length <= 253 && ascii.Split('.').All(label => label.Length is > 0 and <= 63);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Shared instance; the schemas are loaded once, on first use.</summary>
    public static RdapSchemaValidator Instance => LazyInstance.Value;

    /// <summary>Validates <paramref name="response"/> as <paramref name="kind"/> without modifying it.</summary>
    public RdapValidationResult Validate(JsonNode response, RdapObjectKind kind)
    {
        var stripped = RdapExtensionMembers.WithoutDeclaredExtensions(response);
        var results = _schemas[kind].Evaluate(JsonSerializer.SerializeToElement(stripped), Options);

        var schemaErrors = SchemaErrors(results).ToList();
        if (!results.IsValid && schemaErrors.Count == 0)
        {
            // Never let a schema failure pass just because no node carried a message.
            schemaErrors.Add(new RdapValidationError("", $"does not match {kind} schema"));
        }

        var errors = schemaErrors.Concat(RdapJsonValueChecks.FindUnregisteredValues(stripped)).ToList();
        return new RdapValidationResult(errors);
    }

    /// <summary>Fails the calling test with every error found, one per line.</summary>
    public void AssertValid(JsonNode response, RdapObjectKind kind)
    {
        var result = Validate(response, kind);
        if (!result.IsValid)
        {
            Assert.Fail($"RDAP response is not a valid {kind}:{Environment.NewLine}{result}");
        }
    }

    private static IEnumerable<RdapValidationError> SchemaErrors(EvaluationResults node)
    {
        if (node.IsValid)
        {
            return [];
        }

        // Errors are keyed by keyword; a `false` subschema reports under an empty key.
        var own = (node.Errors ?? new Dictionary<string, string>()).Select(error =>
            new RdapValidationError(
                node.InstanceLocation.ToString(),
                $"{error.Value} (schema #{node.EvaluationPath}{(error.Key.Length > 0 ? "/" + error.Key : "")})"));
        return own.Concat((node.Details ?? []).SelectMany(SchemaErrors));
    }
}
