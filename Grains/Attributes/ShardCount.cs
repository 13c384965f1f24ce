using Azure;

namespace Rds.Grains.Attributes;

/// <summary>A shard's count row as read: the member count, the row's ETag (null when absent), and the attribute value it may carry.</summary>
internal readonly record struct ShardCount(long Count, ETag? ETag, string? Value);
