namespace Rds.Grains.Attributes;

/// <summary>How attribute indexes are stored.</summary>
public sealed class AttributeIndexOptions
{
    /// <summary>The table holding index rows (one partition per shard).</summary>
    public required string TableName { get; set; }

    /// <summary>A shard splits in two when it holds more domains than this.</summary>
    public int ShardCapacity { get; set; } = 20_000;
}
