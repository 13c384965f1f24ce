namespace Rds.Tools.Benchmarks;

/// <summary>The figures of <c>bench index-memory</c>.</summary>
internal sealed record IndexMemoryResult(
    int Domains,
    int Attributes,
    long Edges,
    long HeapBeforeBytes,
    long HeapAfterBytes,
    double BytesPerEdge,
    double BytesPerAttribute,
    int MembersOfOneAttribute,
    double BytesPerMemberOfOneAttribute);
