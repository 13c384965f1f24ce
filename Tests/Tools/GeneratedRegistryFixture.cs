using Rds.Registrations;
using Rds.Tools.Generation;

namespace Rds.Tests.Tools;

/// <summary>One generated registry (NDJSON lines and the records read back from them), shared by the shape tests.</summary>
public sealed class GeneratedRegistryFixture
{
    public const ulong Seed = 20260101;
    public const int Count = 20_000;

    public GeneratedRegistryFixture()
    {
        Registry = new SyntheticRegistry(Seed, Count);
        using var stream = new MemoryStream();
        RegistryFileWriter.WriteRecords(Registry, stream);
        Lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Records = Lines.Select(line => RegistrationJson.Deserialize(line)!).ToArray();
        ByName = Records.ToDictionary(record => record.DomainName, StringComparer.Ordinal);
    }

    internal SyntheticRegistry Registry { get; }

    public IReadOnlyList<string> Lines { get; }

    public IReadOnlyList<RegistrationRecord> Records { get; }

    public IReadOnlyDictionary<string, RegistrationRecord> ByName { get; }
}
