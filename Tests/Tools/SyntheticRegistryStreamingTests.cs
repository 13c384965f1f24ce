using Rds.Tools.Generation;

namespace Rds.Tests.Tools;

[Collection(MemoryMeasurementCollection.Name)]
public sealed class SyntheticRegistryStreamingTests
{
    [Fact]
    public void A_fifty_million_record_registry_yields_its_first_records_without_producing_the_rest()
    {
        // Materialising 50 million records would exhaust memory long before the first one came back.
        var firstRecords = new SyntheticRegistry(5, 50_000_000).Take(3).ToArray();

        Assert.Equal(3, firstRecords.Length);
    }

    [Fact]
    public void Enumerating_two_hundred_thousand_records_keeps_memory_modest()
    {
        const int count = 200_000;
        var registry = new SyntheticRegistry(9, count);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long retainedAtEnd = 0;
        var seen = 0;
        foreach (var record in registry)
        {
            seen++;
            if (seen == count)
            {
                // Measured while the enumerator is still alive: anything it held on to would be counted here.
                retainedAtEnd = GC.GetTotalMemory(forceFullCollection: true) - before;
            }
        }

        Assert.Equal(count, seen);

        // Holding the records would take several hundred MB (about 2 KB each as objects).
        Assert.True(retainedAtEnd < 40L * 1024 * 1024, $"{retainedAtEnd:N0} bytes retained after {count:N0} records");
    }
}
