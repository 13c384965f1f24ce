using Rds.Registrations;
using Rds.Tools.Generation;

namespace Rds.Tests.Tools;

public sealed class SyntheticRegistryDeterminismTests
{
    [Fact]
    public void Same_seed_and_count_give_byte_identical_records_and_truth()
    {
        var (firstRecords, firstTruth) = Generate(seed: 7, count: 5_000);
        var (secondRecords, secondTruth) = Generate(seed: 7, count: 5_000);

        Assert.Equal(firstRecords, secondRecords);
        Assert.Equal(firstTruth, secondTruth);
        Assert.True(firstRecords.Length > 5_000 * 500, "the file should hold real records");
    }

    [Fact]
    public void Different_seeds_give_different_registries()
    {
        var (first, _) = Generate(seed: 7, count: 2_000);
        var (second, _) = Generate(seed: 8, count: 2_000);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Enumerating_a_registry_twice_gives_the_same_records()
    {
        var registry = new SyntheticRegistry(11, 1_000);

        // Compared as JSON: records holding ImmutableArray members compare those by reference.
        Assert.Equal(registry.Select(RegistrationJson.Serialize), registry.Select(RegistrationJson.Serialize));
    }

    private static (byte[] Records, byte[] Truth) Generate(ulong seed, long count)
    {
        var registry = new SyntheticRegistry(seed, count);
        using var records = new MemoryStream();
        using var truth = new MemoryStream();
        RegistryFileWriter.WriteRecords(registry, records);
        RegistryFileWriter.WriteTruth(registry, truth);
        return (records.ToArray(), truth.ToArray());
    }
}
