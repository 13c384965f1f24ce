using Rds.Audit;
using Rds.Grains.Audit;

namespace Rds.Tests.Audit;

public sealed class AuditChainTests
{
    private static AuditRecord Record(int i) => new()
    {
        RequestId = $"r{i}",
        RequestorId = "cert-a",
        Query = $"GET /rdap/domain/d{i}.example",
        Decision = AuditDecision.Granted,
        ResultCount = 1,
        Domains = [$"d{i}.example"],
        ReceivedAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
        DecidedAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
    };

    private static List<AuditRow> Chain(int count)
    {
        var rows = new List<AuditRow>();
        var previous = AuditChain.Genesis;
        for (var i = 0; i < count; i++)
        {
            var json = AuditChain.CanonicalJson(Record(i));
            var hash = AuditChain.Hash(i, previous, json);
            rows.Add(new AuditRow(i, previous, hash, json));
            previous = hash;
        }
        return rows;
    }

    [Fact]
    public void An_untouched_chain_is_intact_and_its_records_read_back_equal()
    {
        var rows = Chain(5);

        var verification = AuditChain.Verify(rows, 4, rows[4].Hash);

        Assert.True(verification.Intact);
        Assert.Equal(5, verification.Records);
        Assert.Equal(rows[3].Json, AuditChain.CanonicalJson(AuditChain.Parse(rows[3].Json)));
        Assert.Equal(["d3.example"], AuditChain.Parse(rows[3].Json).Domains.ToArray());
    }

    [Fact]
    public void An_altered_record_breaks_the_chain_at_that_record()
    {
        var rows = Chain(5);
        rows[2] = rows[2] with { Json = rows[2].Json.Replace("d2.example", "other.example") };

        var verification = AuditChain.Verify(rows, 4, rows[4].Hash);

        Assert.False(verification.Intact);
        Assert.Equal(2, verification.BrokenAt);
    }

    [Fact]
    public void A_record_altered_with_its_hash_recomputed_breaks_the_next_link()
    {
        var rows = Chain(5);
        var json = rows[2].Json.Replace("d2.example", "other.example");
        rows[2] = rows[2] with { Json = json, Hash = AuditChain.Hash(2, rows[2].PreviousHash, json) };

        Assert.Equal(3, AuditChain.Verify(rows, 4, rows[4].Hash).BrokenAt);
    }

    [Fact]
    public void A_removed_record_is_detected()
    {
        var rows = Chain(5);
        rows.RemoveAt(1);

        var verification = AuditChain.Verify(rows, 4, rows[^1].Hash);

        Assert.False(verification.Intact);
        Assert.Equal(1, verification.BrokenAt);
    }

    [Fact]
    public void Records_cut_off_the_end_are_detected_against_the_recorded_head()
    {
        var rows = Chain(5);
        var head = rows[4].Hash;

        var verification = AuditChain.Verify(rows.Take(3), 4, head);

        Assert.False(verification.Intact);
        Assert.Equal(3, verification.BrokenAt);
    }

    [Fact]
    public void An_empty_log_with_an_empty_head_is_intact() =>
        Assert.True(AuditChain.Verify([], -1, AuditChain.Genesis).Intact);
}
