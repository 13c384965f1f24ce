using Azure;

namespace Rds.Grains.Attributes;

/// <summary>
/// Where attribute indexes live: per attribute a head row (layout, counts, value) guarded by an ETag and its shard
/// rows, changed together; and the directory of nameserver names. <see cref="AttributeIndexTable"/> keeps them in
/// Azure Table storage; <see cref="InMemoryAttributeIndexStore"/> in the silo's memory, for benchmarks at sizes the
/// storage emulator cannot hold.
/// </summary>
internal interface IAttributeIndexStore
{
    /// <summary>The head row of an attribute; null when it has none.</summary>
    Task<IndexHead?> ReadHeadAsync(string attributeKey);

    /// <summary>The members of a shard; a shard without a row has none.</summary>
    Task<PackedMembers> ReadShardAsync(string attributeKey, int shardId);

    /// <summary>
    /// Writes one planned transaction with the head row, atomically: fails with 412 if the head row changed since
    /// <paramref name="headETag"/>, 409 if it was created meanwhile (no ETag: first write), 404 if a row to delete is
    /// gone. Returns the head row's new ETag.
    /// </summary>
    Task<ETag> CommitAsync(string attributeKey, IndexTransaction transaction, ETag? headETag, string? value);

    /// <summary>Lists or unlists a nameserver name for trailing-asterisk searches.</summary>
    Task ListNameserverAsync(string name, bool listed);

    /// <summary>
    /// Nameserver names starting with <paramref name="prefix"/> (after <paramref name="after"/>, exclusive, when
    /// given), in order, at most <paramref name="limit"/>.
    /// </summary>
    Task<List<string>> NameserversWithPrefixAsync(string prefix, int limit, string? after = null);
}
