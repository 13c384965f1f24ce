using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rds.Tests.Rdap;

/// <summary>
/// Checks the registry-backed values (status, eventAction, roles) that the ICANN schemas only
/// mark with custom <c>format</c>s, which a standard validator does not assert.
/// </summary>
internal static class RdapJsonValueChecks
{
    public static IReadOnlyList<RdapValidationError> FindUnregisteredValues(JsonNode response)
    {
        var errors = new List<RdapValidationError>();
        Visit(response, "", errors);
        return errors;
    }

    private static void Visit(JsonNode? node, string pointer, List<RdapValidationError> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var childPointer = $"{pointer}/{EscapePointerToken(name)}";
                    switch (name)
                    {
                        case "status":
                            CheckStrings(child, childPointer, IanaRdapJsonValues.Statuses, "status", errors);
                            break;
                        case "roles":
                            CheckStrings(child, childPointer, IanaRdapJsonValues.Roles, "role", errors);
                            break;
                        case "eventAction":
                            CheckString(child, childPointer, IanaRdapJsonValues.EventActions, "event action", errors);
                            break;
                        // jCard parameters are free-form objects; their keys are not RDAP members.
                        case "vcardArray":
                            continue;
                    }

                    Visit(child, childPointer, errors);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Visit(array[i], $"{pointer}/{i}", errors);
                }

                break;
        }
    }

    private static void CheckStrings(
        JsonNode? values, string pointer, IReadOnlySet<string> registered, string what, List<RdapValidationError> errors)
    {
        // Wrong shapes (non-array, non-string items) are the schema's to report.
        if (values is not JsonArray array)
        {
            return;
        }

        for (var i = 0; i < array.Count; i++)
        {
            CheckString(array[i], $"{pointer}/{i}", registered, what, errors);
        }
    }

    private static void CheckString(
        JsonNode? value, string pointer, IReadOnlySet<string> registered, string what, List<RdapValidationError> errors)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && v.GetValue<string>() is var text && !registered.Contains(text))
        {
            errors.Add(new RdapValidationError(pointer, $"\"{text}\" is not a registered RDAP {what} (IANA RDAP JSON Values)"));
        }
    }

    private static string EscapePointerToken(string name) => name.Replace("~", "~0").Replace("/", "~1");
}
