using System.Collections.Immutable;

namespace Rds.Grains.Attributes;

/// <summary>
/// An attribute's committed count and, when every shard of it is in its grain's memory, its members (the shards in
/// name order, shared with the grain's cache, not copied).
/// </summary>
public sealed class PublishedMembers
{
    internal PublishedMembers(long count, ImmutableArray<PackedMembers>? shards)
    {
        Count = count;
        Shards = shards;
    }

    public long Count { get; }

    /// <summary>Null when some shard is not in memory: then only the count is published.</summary>
    internal ImmutableArray<PackedMembers>? Shards { get; }

    /// <summary>Attributes of at most this many members keep their names decoded (the API's default cap is 500).</summary>
    internal const int DecodedKept = 1_000;

    // Warm pivots meet the same attributes again and again, and decoding their members' names was about a sixth of
    // the silo's work per pivot. Set once (a race decodes twice, alike); readers share it and never change it.
    private string[]? _decoded;

    /// <summary>Every member, in name order; null when they are not all in memory. Callers must not change the array.</summary>
    public string[]? Domains()
    {
        if (_decoded is { } decoded)
            return decoded;
        if (Shards is not { } shards)
            return null;
        var domains = new string[Count];
        var next = 0;
        foreach (var shard in shards)
        {
            for (var i = 0; i < shard.Count; i++)
                domains[next++] = shard[i];
        }
        if (domains.Length <= DecodedKept)
            _decoded = domains;
        return domains;
    }
}
