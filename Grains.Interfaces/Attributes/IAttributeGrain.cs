using System.Collections.Immutable;

namespace Rds.Attributes;

/// <summary>The index of one attribute value: the domains that share it. Key: <see cref="AttributeKey.Of"/>.</summary>
[Alias("rds.IAttributeGrain")]
public interface IAttributeGrain : IGrainWithStringKey
{
    /// <summary>Applies membership changes; idempotent, so a replayed change is harmless.</summary>
    Task ApplyAsync(AttributeValue value, ImmutableArray<MembershipChange> changes);

    /// <summary>How many domains share the value (exact once earlier changes have been applied).</summary>
    Task<long> CountAsync();

    /// <summary>Up to <paramref name="limit"/> domains after <paramref name="after"/> (exclusive), in A-label order.</summary>
    Task<AttributePage> ListAsync(string? after, int limit);

    /// <summary>
    /// The count and, only when it is at most <paramref name="fanOutCap"/>, the first <paramref name="limit"/> domains
    /// (page on from <see cref="AttributePage.Next"/> with <see cref="ListAsync"/>): a pivot's one call per attribute.
    /// </summary>
    Task<AttributePage> ExpandAsync(int fanOutCap, int limit);
}
