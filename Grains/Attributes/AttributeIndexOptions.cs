namespace Rds.Grains.Attributes;

/// <summary>How attribute indexes are stored.</summary>
public sealed class AttributeIndexOptions
{
    /// <summary>The table holding index rows (one partition per attribute).</summary>
    public required string TableName { get; set; }

    /// <summary>A shard splits when it holds more domains than this.</summary>
    public int ShardCapacity { get; set; } = 20_000;

    /// <summary>
    /// A shard splits when its packed members (name and terminator each) take more bytes than this: at most 64 KiB,
    /// Azure Table's limit for one binary property. Every change rewrites its shard's row, so smaller rows cost less
    /// per change and more rows per attribute.
    /// </summary>
    public int ShardBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// False only for benchmark baselines (configuration <c>AttributeIndex:Maintained</c>): domain grains then leave
    /// the index alone, so searches and pivots find nothing. It measures what maintaining the index costs an import.
    /// </summary>
    public bool Maintained { get; set; } = true;

    /// <summary>Attributes with at most this many members keep them in memory (packed, about 25 bytes a member).</summary>
    public long CachedMembersLimit { get; set; } = 1_000_000;
}
