using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rds.Registrations;

/// <summary>
/// The one JSON form of a <see cref="RegistrationRecord"/>: the body of the admin upsert and each line of a bulk
/// NDJSON import. camelCase members, RFC 3339 dates; unknown members are refused so a misspelt field is an
/// error, not silently lost data.
/// </summary>
public static class RegistrationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 16,
        // NDJSON files and logs stay readable: IDNs and "+" in phone numbers are written as themselves.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static RegistrationRecord? Deserialize(string json) => JsonSerializer.Deserialize<RegistrationRecord>(json, Options);

    public static string Serialize(RegistrationRecord record) => JsonSerializer.Serialize(record, Options);
}
