using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rds.Registrations;

namespace Rds.Tools.Generation;

/// <summary>Writes a registry as NDJSON (one <see cref="RegistrationJson"/> record per line) and its campaigns as a ground-truth JSON file.</summary>
internal static class RegistryFileWriter
{
    /// <summary>UTF-8 without byte-order mark and "\n" line ends, so output is byte-identical on every platform.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Streams the records; returns how many were written.</summary>
    public static long WriteRecords(IEnumerable<RegistrationRecord> records, Stream output)
    {
        using var writer = new StreamWriter(output, Utf8, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
        long written = 0;
        foreach (var record in records)
        {
            writer.WriteLine(RegistrationJson.Serialize(record));
            written++;
        }

        return written;
    }

    /// <summary>
    /// The planted campaigns: id, kind, shared attributes and member names, which are enumerated while writing
    /// so even a large truth file costs no memory.
    /// </summary>
    public static void WriteTruth(SyntheticRegistry registry, Stream output)
    {
        // Relaxed escaping keeps U+002B in phones and non-ASCII readable; this file is never embedded in HTML.
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" });
        json.WriteStartObject();
        json.WriteNumber("seed", registry.Seed);
        json.WriteNumber("count", registry.Count);
        json.WriteString("snapshot", SyntheticRegistry.Snapshot);
        json.WriteStartArray("campaigns");
        foreach (var campaign in registry.Campaigns)
        {
            json.WriteStartObject();
            json.WriteString("id", campaign.Id);
            json.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(campaign.Kind.ToString()));
            json.WriteNumber("size", campaign.Size);
            json.WriteString("registrar", campaign.Registrar.Name);
            WriteStrings(json, "emails", campaign.Emails);
            WriteStrings(json, "organizations", campaign.Organizations);
            WriteStrings(json, "phones", campaign.Phones);
            WriteStrings(json, "nameservers", campaign.Nameservers.Select(nameserver => nameserver.Name));
            WriteStrings(json, "domains", campaign.DomainNames);
            json.WriteEndObject();
            json.Flush();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
