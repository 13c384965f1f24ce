using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Gateway;

/// <summary>Small HTTP helpers for gateway tests.</summary>
internal static class GatewayHttp
{
    public static async Task PutAsync(this ClusterFixture fixture, RegistrationRecord record)
    {
        using var content = new StringContent(RegistrationJson.Serialize(record), System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Operator.PutAsync($"/admin/domains/{record.DomainName}", content);
        Assert.True(response.IsSuccessStatusCode, $"upsert of {record.DomainName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task<(HttpResponseMessage Response, JsonObject Body)> GetRdapAsync(this HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/rdap+json", response.Content.Headers.ContentType?.MediaType);
        return (response, (JsonObject)JsonNode.Parse(text)!);
    }

    /// <summary>Asserts an RDAP error answer (RFC 9083 §6): the status, and errorCode, title and description in the body.</summary>
    public static async Task<JsonObject> AssertRdapErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/rdap+json", response.Content.Headers.ContentType?.MediaType);
        var body = (JsonObject)JsonNode.Parse(text)!;
        Assert.Equal((int)status, body["errorCode"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(body["title"]!.GetValue<string>()));
        Assert.NotEmpty(body["description"]!.AsArray());
        Rdap.RdapSchemaValidator.Instance.AssertValid(body, Rdap.RdapObjectKind.Error);
        return body;
    }

    public static JsonObject Entity(this JsonObject domain, string role) =>
        domain["entities"]!.AsArray().Cast<JsonObject>().Single(e => e["roles"]!.AsArray().Any(r => r!.GetValue<string>() == role));

    /// <summary>The jCard properties of an entity with the given name.</summary>
    public static JsonArray[] VCardProperties(this JsonObject entity, string name) =>
        [.. entity["vcardArray"]![1]!.AsArray().Cast<JsonArray>().Where(p => p[0]!.GetValue<string>() == name)];

    public static string? EventDate(this JsonObject domain, string action) =>
        domain["events"]!.AsArray().Cast<JsonObject>().SingleOrDefault(e => e["eventAction"]!.GetValue<string>() == action)?["eventDate"]!.GetValue<string>();

    public static JsonObject Notice(this JsonObject response, string title) =>
        response["notices"]!.AsArray().Cast<JsonObject>().Single(n => n["title"]!.GetValue<string>() == title);

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response) =>
        (JsonObject)(await response.Content.ReadFromJsonAsync<JsonNode>())!;
}
