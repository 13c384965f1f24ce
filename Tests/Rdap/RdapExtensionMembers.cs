using System.Text.Json.Nodes;

namespace Rds.Tests.Rdap;

/// <summary>
/// Removes the extension members a response declares, because the ICANN schemas close every
/// object class with <c>additionalProperties: false</c> while RFC 9083 §2.1 / RFC 7480 §6 allow
/// members registered as extensions. A member counts as a declared extension when its name
/// equals an identifier in the top-level <c>rdapConformance</c> array or starts with that
/// identifier followed by <c>_</c>; undeclared unknown members are kept so they still fail.
/// </summary>
internal static class RdapExtensionMembers
{
    /// <summary>Returns a stripped deep copy; <paramref name="response"/> itself is left untouched.</summary>
    public static JsonNode WithoutDeclaredExtensions(JsonNode response)
    {
        var copy = response.DeepClone();
        if (copy is JsonObject topLevel)
        {
            var identifiers = DeclaredIdentifiers(topLevel);
            if (identifiers.Count > 0)
            {
                StripObjectClassMembers(topLevel, identifiers);
            }
        }

        return copy;
    }

    private static List<string> DeclaredIdentifiers(JsonObject topLevel) =>
        topLevel["rdapConformance"] is JsonArray conformance
            ? [.. conformance.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>()]
            : [];

    /// <summary>
    /// Strips at the top level and at every nested RDAP object class instance (entities,
    /// nameservers, search results, networks, autnums: anything carrying <c>objectClassName</c>),
    /// which are exactly the objects the schemas close.
    /// </summary>
    private static void StripObjectClassMembers(JsonNode? node, List<string> identifiers, bool isTopLevel = true)
    {
        switch (node)
        {
            case JsonObject obj:
                if (isTopLevel || obj.ContainsKey("objectClassName"))
                {
                    foreach (var name in obj.Select(p => p.Key).Where(n => IsDeclaredExtension(n, identifiers)).ToList())
                    {
                        obj.Remove(name);
                    }
                }

                foreach (var (_, child) in obj)
                {
                    StripObjectClassMembers(child, identifiers, isTopLevel: false);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    StripObjectClassMembers(item, identifiers, isTopLevel: false);
                }

                break;
        }
    }

    private static bool IsDeclaredExtension(string memberName, List<string> identifiers) =>
        identifiers.Any(id => memberName == id
            || (memberName.Length > id.Length + 1 && memberName.StartsWith(id, StringComparison.Ordinal) && memberName[id.Length] == '_'));
}
