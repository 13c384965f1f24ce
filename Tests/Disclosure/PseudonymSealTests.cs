using Rds.Attributes;
using Rds.Disclosure;
using Rds.Grains.Disclosure;

namespace Rds.Tests.Disclosure;

public sealed class PseudonymSealTests
{
    private static readonly PseudonymMasterKey Master = new([.. Enumerable.Range(0, 32).Select(i => (byte)i)], version: 1);
    private static readonly PseudonymKey CaseA = Master.ForCase("cert-1", "CASE-A", [1, 2, 3]);
    private static readonly PseudonymKey CaseB = Master.ForCase("cert-1", "CASE-B", [4, 5, 6]);
    private static readonly AttributeValue Email = new(AttributeKind.RegistrantEmail, "alice@holdings.example");

    [Fact]
    public void A_sealed_value_opens_only_with_its_cases_key_for_its_pseudonym()
    {
        var sealedValue = PseudonymSeal.Seal(CaseA, "ps1-aaaa", Email);

        Assert.DoesNotContain("alice", sealedValue);
        Assert.Equal(Email, PseudonymSeal.Open(CaseA, "ps1-aaaa", sealedValue));
        Assert.Null(PseudonymSeal.Open(CaseB, "ps1-aaaa", sealedValue));
        Assert.Null(PseudonymSeal.Open(CaseA, "ps1-bbbb", sealedValue));
    }

    [Fact]
    public void A_tampered_or_garbled_row_does_not_open()
    {
        var sealedBytes = Convert.FromBase64String(PseudonymSeal.Seal(CaseA, "ps1-aaaa", Email));
        sealedBytes[^1] ^= 1;

        Assert.Null(PseudonymSeal.Open(CaseA, "ps1-aaaa", Convert.ToBase64String(sealedBytes)));
        Assert.Null(PseudonymSeal.Open(CaseA, "ps1-aaaa", "not base64!"));
        Assert.Null(PseudonymSeal.Open(CaseA, "ps1-aaaa", Convert.ToBase64String(new byte[5])));
    }

    [Fact]
    public void Sealing_twice_gives_different_rows_that_open_the_same()
    {
        var first = PseudonymSeal.Seal(CaseA, "ps1-aaaa", Email);
        var second = PseudonymSeal.Seal(CaseA, "ps1-aaaa", Email);

        Assert.NotEqual(first, second);
        Assert.Equal(PseudonymSeal.Open(CaseA, "ps1-aaaa", first), PseudonymSeal.Open(CaseA, "ps1-aaaa", second));
    }
}
