using Rds.Attributes;
using Rds.Pivots;

namespace Rds.Tools.Benchmarks;

/// <summary>Where a <see cref="PivotTraversal"/> gets one hop's attributes and their members from.</summary>
internal interface IPivotSource
{
    /// <summary>
    /// The attributes of the followed kinds on the frontier's domains, except those in <paramref name="met"/>, each
    /// with its count, and its members when the count is within the request's fan-out cap.
    /// </summary>
    Task<IReadOnlyList<PivotExpansion>> ExpandAsync(
        IReadOnlyList<string> frontier, PivotRequest request, IReadOnlySet<AttributeValue> met, CancellationToken cancellationToken);
}
