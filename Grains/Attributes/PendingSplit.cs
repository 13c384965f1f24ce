namespace Rds.Grains.Attributes;

/// <summary>
/// A shard split under way, persisted before its rows move so a crash can be finished or undone on reactivation:
/// before <see cref="Committed"/> the copy into <see cref="Target"/> is discarded; after it, the copied rows are
/// deleted from <see cref="Source"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.PendingSplit")]
public sealed record PendingSplit(
    [property: Id(0)] int Source,
    [property: Id(1)] int Target,
    [property: Id(2)] string Boundary,
    [property: Id(3)] bool Committed);
