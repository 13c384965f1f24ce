using System.Collections.Immutable;
using Azure;

namespace Rds.Grains.Attributes;

/// <summary>An attribute's head row as read: the shard layout with counts, the row's ETag, and the attribute's value.</summary>
internal sealed record IndexHead(ImmutableArray<ShardRange> Layout, ETag ETag, string? Value);
