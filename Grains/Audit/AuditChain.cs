using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rds.Audit;

namespace Rds.Grains.Audit;

/// <summary>
/// The hash chain of a requestor's audit log: each entry's hash covers its sequence number, the previous entry's hash
/// and the record's canonical JSON, so changing, removing or reordering any entry breaks every hash after it.
/// </summary>
internal static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The record as stored and hashed: its properties in declaration order, so the same record always gives the same text.</summary>
    public static string CanonicalJson(AuditRecord record) => JsonSerializer.Serialize(record, Canonical);

    public static AuditRecord Parse(string json) => JsonSerializer.Deserialize<AuditRecord>(json, Canonical)!;

    public static string Hash(long sequence, string previousHash, string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{sequence}\n{previousHash}\n{canonicalJson}")));

    /// <summary>
    /// Checks stored rows in sequence order against each other and against the head last recorded apart from them.
    /// Rows up to <paramref name="purgedThrough"/> were deleted by retention: the chain resumes from the last deleted
    /// entry's hash, kept with the head, so removing the oldest retained rows is still caught.
    /// </summary>
    public static ChainVerification Verify(IEnumerable<AuditRow> rows, long headSequence, string headHash, long purgedThrough = -1, string? purgedHash = null)
    {
        var expected = purgedThrough + 1;
        var previous = purgedHash ?? Genesis;
        foreach (var row in rows)
        {
            // Left by a retention pass that stopped part-way; the next pass deletes it.
            if (row.Sequence <= purgedThrough)
                continue;
            if (row.Sequence != expected)
                return Broken(purgedThrough, expected - purgedThrough - 1, expected, row.Sequence < expected ? "a record appears twice or out of order" : "a record is missing");
            if (row.PreviousHash != previous)
                return Broken(purgedThrough, expected - purgedThrough - 1, row.Sequence, "the record does not follow its predecessor");
            if (Hash(row.Sequence, row.PreviousHash, row.Json) != row.Hash)
                return Broken(purgedThrough, expected - purgedThrough - 1, row.Sequence, "the record was altered");
            if (row.Sequence == headSequence && row.Hash != headHash)
                return Broken(purgedThrough, expected - purgedThrough - 1, row.Sequence, "the record differs from the recorded head");
            previous = row.Hash;
            expected++;
        }
        if (expected - 1 < headSequence)
            return Broken(purgedThrough, expected - purgedThrough - 1, expected, "records at the end of the log are missing");
        return new ChainVerification { Intact = true, Records = expected - purgedThrough - 1, PurgedThrough = purgedThrough };
    }

    private static ChainVerification Broken(long purgedThrough, long records, long at, string problem) =>
        new() { Intact = false, Records = records, BrokenAt = at, Problem = problem, PurgedThrough = purgedThrough };
}
