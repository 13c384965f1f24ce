using Rds.Grains.Requestors;
using Rds.Requestors;

namespace Rds.Tests.Requestors;

public sealed class CaseRetentionTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static CaseState Case(string id, int retentionDays, DateTimeOffset? closedAt = null, bool hasKey = true) => new()
    {
        Case = new InvestigationCase
        {
            CaseId = id,
            Purpose = RdapPurpose.CriminalInvestigationAndDnsAbuse,
            LegalBasis = LegalBasis.LegitimateInterests,
            Evidence = ["https://evidence.example/1"],
            RetentionDays = retentionDays,
            Confidential = true,
            OpenedAt = Opened,
            ClosedAt = closedAt,
        },
        KeySalt = hasKey ? [1, 2, 3] : null,
    };

    [Fact]
    public void Only_cases_past_their_retention_that_still_hold_a_key_or_evidence_are_expired()
    {
        var now = Opened.AddDays(10);
        var cases = new[]
        {
            Case("running", 30),
            Case("ended-open", 10),
            Case("ended-closed-early", 5, closedAt: Opened.AddDays(1), hasKey: false),
            CaseRetention.Purged(Case("already-purged", 3)),
        };

        Assert.Equal(["ended-open", "ended-closed-early"], CaseRetention.Expired(cases, now).Select(c => c.Case.CaseId));
    }

    [Fact]
    public void The_end_of_retention_erases_the_key_and_the_evidence_and_keeps_what_names_the_case()
    {
        var closedEarly = CaseRetention.Purged(Case("closed", 5, closedAt: Opened.AddDays(1), hasKey: false));
        var neverClosed = CaseRetention.Purged(Case("open", 5));

        Assert.All(new[] { closedEarly, neverClosed }, purged =>
        {
            Assert.Null(purged.KeySalt);
            Assert.Empty(purged.Case.Evidence);
            Assert.False(CaseRetention.AwaitsEnd(purged));
            Assert.Equal(RdapPurpose.CriminalInvestigationAndDnsAbuse, purged.Case.Purpose);
        });
        Assert.Equal(Opened.AddDays(1), closedEarly.Case.ClosedAt);
        Assert.Equal(Opened.AddDays(5), neverClosed.Case.ClosedAt);
    }

    [Fact]
    public void Closing_erases_the_key_but_keeps_the_evidence_until_the_retention_ends()
    {
        var closed = CaseRetention.Closed(Case("c", 30), Opened.AddDays(2));

        Assert.Null(closed.KeySalt);
        Assert.NotEmpty(closed.Case.Evidence);
        Assert.True(CaseRetention.AwaitsEnd(closed));
        Assert.Equal(Opened.AddDays(2), closed.Case.ClosedAt);
    }
}
