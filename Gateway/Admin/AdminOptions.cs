using System.ComponentModel.DataAnnotations;

namespace Rds.Gateway.Admin;

/// <summary>Limits of the ingestion endpoints.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Largest bulk request body; the importer sends big files in several requests.</summary>
    [Range(1024, long.MaxValue)] public long MaxBulkBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest single record (one NDJSON line or one upsert body).</summary>
    [Range(1024, 16 * 1024 * 1024)] public int MaxRecordBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Records of one bulk request upserted at once; bounded so one import cannot flood the cluster: each record
    /// fans out to about ten attribute grains, and past what storage absorbs, calls only queue into timeouts.
    /// </summary>
    [Range(1, 1024)] public int BulkParallelism { get; set; } = 16;
}
