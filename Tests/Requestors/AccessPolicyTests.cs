using System.Collections.Immutable;
using Rds.Disclosure;
using Rds.Grains.Requestors;
using Rds.Requestors;

namespace Rds.Tests.Requestors;

public sealed class AccessPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private const string KeyId = "0123456789abcdef";

    private static RequestorState Accredited(RequestorStatus status = RequestorStatus.Active, DateTimeOffset? until = null, DateTimeOffset? keyRevokedAt = null) => new()
    {
        Profile = new RequestorProfile
        {
            Name = "Example CERT",
            Kind = RequestorKind.Cert,
            AccreditingBody = "Accreditor",
            AccreditedUntil = until ?? Now.AddDays(30),
            Purposes = ImmutableDictionary<RdapPurpose, ImmutableHashSet<DataElement>>.Empty
                .Add(RdapPurpose.CriminalInvestigationAndDnsAbuse, [DataElement.RegistrantEmail, DataElement.TechEmail])
                .Add(RdapPurpose.DnsTransparency, []),
        },
        Status = status,
        Keys = [new ApiKeySummary { KeyId = KeyId, IssuedAt = Now.AddDays(-1), RevokedAt = keyRevokedAt }],
        Cases = new[] { RdapPurpose.CriminalInvestigationAndDnsAbuse, RdapPurpose.DnsTransparency, RdapPurpose.LegalActions }
            .ToImmutableDictionary(CaseOf, purpose => new CaseState { Case = Case(purpose), KeySalt = [1, 2, 3] }),
    };

    private static string CaseOf(RdapPurpose purpose) => $"C-{purpose}";

    private static InvestigationCase Case(RdapPurpose purpose) => new()
    {
        CaseId = CaseOf(purpose),
        Purpose = purpose,
        LegalBasis = LegalBasis.LegitimateInterests,
        Evidence = ["https://evidence.example/1"],
        RetentionDays = 30,
        Confidential = false,
        OpenedAt = Now.AddDays(-1),
    };

    private static AccessRequest Asking(RdapPurpose purpose, params DataElement[] elements) => new()
    {
        Purpose = purpose,
        LegalBasis = LegalBasis.LegitimateInterests,
        CaseId = CaseOf(purpose),
        Justification = "Phishing kit hosted on these domains.",
        Evidence = ["https://evidence.example/1"],
        Elements = [.. elements],
        AgreementVersion = "2026-12",
    };

    [Fact]
    public void An_allowed_purpose_and_elements_are_granted_exactly_the_elements_asked_for()
    {
        var decision = AccessPolicy.Decide(Accredited(), KeyId, Asking(RdapPurpose.CriminalInvestigationAndDnsAbuse, DataElement.RegistrantEmail), Now);

        Assert.Equal(AccessOutcome.Granted, decision.Outcome);
        Assert.True(decision.Disclosure!.Discloses(DataElement.RegistrantEmail));
        // Entitled but not asked for: minimisation withholds it.
        Assert.False(decision.Disclosure.Discloses(DataElement.TechEmail));
    }

    [Fact]
    public void An_element_not_allowed_for_the_purpose_is_refused_by_name()
    {
        var decision = AccessPolicy.Decide(Accredited(), KeyId, Asking(RdapPurpose.DnsTransparency, DataElement.RegistrantEmail), Now);

        Assert.Equal(AccessOutcome.Refused, decision.Outcome);
        Assert.Contains("Registrant Email", decision.Reason);
    }

    [Fact]
    public void A_purpose_not_accredited_is_refused()
    {
        var decision = AccessPolicy.Decide(Accredited(), KeyId, Asking(RdapPurpose.LegalActions), Now);

        Assert.Equal(AccessOutcome.Refused, decision.Outcome);
        Assert.Contains("legalActions", decision.Reason);
    }

    [Fact]
    public void An_expired_accreditation_is_refused_from_its_last_instant()
    {
        Assert.Equal(AccessOutcome.Refused, AccessPolicy.Decide(Accredited(until: Now), KeyId, Asking(RdapPurpose.DnsTransparency), Now).Outcome);
        Assert.Equal(AccessOutcome.Granted, AccessPolicy.Decide(Accredited(until: Now.AddSeconds(1)), KeyId, Asking(RdapPurpose.DnsTransparency), Now).Outcome);
    }

    [Theory]
    [InlineData(RequestorStatus.Suspended, "suspended")]
    [InlineData(RequestorStatus.Revoked, "revoked")]
    public void A_suspended_or_revoked_requestor_is_refused_with_the_status(RequestorStatus status, string word)
    {
        var decision = AccessPolicy.Decide(Accredited(status), KeyId, Asking(RdapPurpose.DnsTransparency), Now);

        Assert.Equal(AccessOutcome.Refused, decision.Outcome);
        Assert.Contains(word, decision.Reason);
    }

    [Fact]
    public void A_revoked_key_or_a_key_of_another_requestor_is_not_authenticated()
    {
        Assert.Equal(AccessOutcome.UnknownKey, AccessPolicy.Decide(Accredited(keyRevokedAt: Now), KeyId, Asking(RdapPurpose.DnsTransparency), Now).Outcome);
        Assert.Equal(AccessOutcome.UnknownKey, AccessPolicy.Decide(Accredited(), "fedcba9876543210", Asking(RdapPurpose.DnsTransparency), Now).Outcome);
        Assert.Equal(AccessOutcome.UnknownKey, AccessPolicy.Decide(new RequestorState(), KeyId, Asking(RdapPurpose.DnsTransparency), Now).Outcome);
    }

    [Fact]
    public void A_request_must_name_an_open_case_of_its_own_purpose_and_basis()
    {
        var state = Accredited();
        var ended = state with
        {
            Cases = state.Cases
                .SetItem(CaseOf(RdapPurpose.DnsTransparency), new CaseState { Case = Case(RdapPurpose.DnsTransparency) with { ClosedAt = Now.AddHours(-1) } })
                .SetItem(CaseOf(RdapPurpose.CriminalInvestigationAndDnsAbuse), new CaseState { Case = Case(RdapPurpose.CriminalInvestigationAndDnsAbuse) with { OpenedAt = Now.AddDays(-30) } }),
        };

        Assert.Contains("no case", AccessPolicy.Decide(state, KeyId, Asking(RdapPurpose.DnsTransparency) with { CaseId = "C-unknown" }, Now).Reason);
        Assert.Contains("closed", AccessPolicy.Decide(ended, KeyId, Asking(RdapPurpose.DnsTransparency), Now).Reason);
        Assert.Contains("retention", AccessPolicy.Decide(ended, KeyId, Asking(RdapPurpose.CriminalInvestigationAndDnsAbuse), Now).Reason);
        Assert.Contains("must state the same", AccessPolicy.Decide(state, KeyId, Asking(RdapPurpose.DnsTransparency) with { LegalBasis = LegalBasis.PublicTask }, Now).Reason);
        Assert.Contains("must state the same", AccessPolicy.Decide(state, KeyId, Asking(RdapPurpose.DnsTransparency) with { CaseId = CaseOf(RdapPurpose.CriminalInvestigationAndDnsAbuse) }, Now).Reason);
    }
}
