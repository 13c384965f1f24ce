namespace Rds.Tests.Tools;

/// <summary>Tests that read <see cref="GC.GetTotalMemory(bool)"/> run alone: other tests' allocations would count against them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "Memory measurement";
}
