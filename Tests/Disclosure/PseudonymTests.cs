using System.Collections.Immutable;
using Rds.Disclosure;
using Rds.Grains.Disclosure;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Disclosure;

public sealed class PseudonymTests
{
    private static readonly byte[] Master = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];
    private static readonly byte[] SaltA = [.. Enumerable.Repeat((byte)1, 32)];
    private static readonly byte[] SaltB = [.. Enumerable.Repeat((byte)2, 32)];
    private static readonly PseudonymMasterKey MasterKey = new(Master, version: 3);

    [Fact]
    public void The_same_value_in_the_same_case_gets_the_same_pseudonym_whatever_its_spelling_or_role()
    {
        var key = MasterKey.ForCase("cert-a", "case-1", SaltA);

        var registrant = Pseudonyms.Of(key, DataElement.RegistrantEmail, "Alice@Holdings.Example");
        var tech = Pseudonyms.Of(key, DataElement.TechEmail, "alice@holdings.example");

        Assert.Equal(registrant, tech);
        Assert.StartsWith("ps3-", registrant);
        Assert.EndsWith("@pseudonym.invalid", registrant);
        Assert.DoesNotContain("alice", registrant);
    }

    [Fact]
    public void Another_case_another_requestor_or_another_salt_gives_unrelated_pseudonyms()
    {
        string Of(PseudonymKey key) => Pseudonyms.Of(key, DataElement.RegistrantEmail, "alice@holdings.example");

        var pseudonyms = new[]
        {
            Of(MasterKey.ForCase("cert-a", "case-1", SaltA)),
            Of(MasterKey.ForCase("cert-a", "case-2", SaltA)),
            Of(MasterKey.ForCase("cert-b", "case-1", SaltA)),
            Of(MasterKey.ForCase("cert-a", "case-1", SaltB)),
        };

        Assert.Equal(4, pseudonyms.Distinct().Count());
    }

    [Fact]
    public void A_pseudonym_is_not_a_plain_hash_of_the_value()
    {
        var value = "alice@holdings.example";
        var pseudonym = Pseudonyms.Of(MasterKey.ForCase("cert-a", "case-1", SaltA), DataElement.RegistrantEmail, value);
        var plain = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));
        var plainWithFamily = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("email\n" + value)));

        Assert.DoesNotContain(plain[..32], pseudonym);
        Assert.DoesNotContain(plainWithFamily[..32], pseudonym);
    }

    [Fact]
    public void Shaping_with_a_key_replaces_each_disclosed_contact_value_and_marks_it_with_the_key_version()
    {
        var key = MasterKey.ForCase("cert-a", "case-1", SaltA);
        var request = new DisclosureRequest
        {
            Requested = [DataElement.RegistrantEmail, DataElement.RegistrantName, DataElement.RegistryRegistrantId],
            Entitlements = new Entitlements { Clear = [.. Enum.GetValues<DataElement>()] },
            Pseudonyms = key,
        };

        var shaped = DisclosurePolicy.Shape(SampleRecords.Full("pseudo.example"), request, DateTimeOffset.UnixEpoch);

        var registrant = shaped.Record.Registrant!;
        Assert.Equal(Pseudonyms.Of(key, DataElement.RegistrantEmail, "alice@holdings.example"), registrant.Email);
        Assert.StartsWith("ps3-", registrant.Name);
        Assert.StartsWith("ps3-", registrant.Handle);
        Assert.Equal("Example Holdings", registrant.Organization);
        var pseudonymised = shaped.Redactions.Where(r => r.PseudonymKeyVersion == 3).Select(r => r.Element).Order();
        Assert.Equal([DataElement.RegistryRegistrantId, DataElement.RegistrantName, DataElement.RegistrantEmail], pseudonymised);
        // Pivotable values are minted for the case's directory; names are not pivotable.
        Assert.Equal(2, shaped.Minted.Length);
    }
}
