using System.Collections.Immutable;
using Rds.Disclosure;
using Rds.Grains.Disclosure;
using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Disclosure;

public sealed class DisclosurePolicyTests
{
    private static readonly DateTimeOffset StoredAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ImmutableHashSet<DataElement> Everything = [.. Enum.GetValues<DataElement>()];

    [Fact]
    public void The_public_view_withholds_every_personal_element_and_names_each()
    {
        var record = SampleRecords.Full("public.example");

        var disclosed = DisclosurePolicy.Shape(record, DisclosureRequest.Public, StoredAt);

        var registrant = disclosed.Record.Registrant!;
        Assert.Null(registrant.Handle);
        Assert.Null(registrant.Name);
        Assert.Empty(registrant.Street);
        Assert.Null(registrant.City);
        Assert.Null(registrant.PostalCode);
        Assert.Null(registrant.Phone);
        Assert.Null(registrant.PhoneExt);
        Assert.Null(registrant.Fax);
        Assert.Null(registrant.Email);
        Assert.Equal("Example Holdings", registrant.Organization);
        Assert.Equal("QC", registrant.Region);
        Assert.Equal("CA", registrant.CountryCode);
        var tech = disclosed.Record.Tech!;
        Assert.Null(tech.Handle);
        Assert.Null(tech.Name);
        Assert.Null(tech.Phone);
        Assert.Null(tech.Email);

        var withheld = disclosed.Redactions.Select(r => r.Element).ToHashSet();
        // The sample has no fax extension and no tech phone extension; everything else it has is withheld.
        var expected = Everything.Except([DataElement.RegistrantFaxExt, DataElement.TechPhoneExt]);
        Assert.Equal(expected.OrderBy(e => e), withheld.OrderBy(e => e));
    }

    [Fact]
    public void Redaction_methods_follow_appendix_e_and_the_email_rule()
    {
        var disclosed = DisclosurePolicy.Shape(SampleRecords.Full("methods.example"), DisclosureRequest.Public, StoredAt);
        RedactionMethod MethodOf(DataElement element) => disclosed.Redactions.Single(r => r.Element == element).Method;

        Assert.Equal(RedactionMethod.EmptyValue, MethodOf(DataElement.RegistrantName));
        Assert.Equal(RedactionMethod.EmptyValue, MethodOf(DataElement.RegistrantStreet));
        Assert.Equal(RedactionMethod.EmptyValue, MethodOf(DataElement.TechName));
        Assert.Equal(RedactionMethod.Removal, MethodOf(DataElement.RegistryRegistrantId));
        Assert.Equal(RedactionMethod.Removal, MethodOf(DataElement.RegistrantPhone));
        Assert.Equal(RedactionMethod.ReplacementValue, MethodOf(DataElement.RegistrantEmail));
        Assert.Equal(RedactionMethod.ReplacementValue, MethodOf(DataElement.TechEmail));
    }

    [Fact]
    public void An_element_is_disclosed_only_when_requested_and_entitled()
    {
        var record = SampleRecords.Full("need-to-know.example");
        var entitled = new Entitlements { Clear = [DataElement.RegistrantEmail, DataElement.RegistrantName] };

        var requestedAndEntitled = DisclosurePolicy.Shape(record, new DisclosureRequest { Requested = [DataElement.RegistrantEmail], Entitlements = entitled }, StoredAt);
        var requestedNotEntitled = DisclosurePolicy.Shape(record, new DisclosureRequest { Requested = [DataElement.RegistrantPhone], Entitlements = entitled }, StoredAt);
        var entitledNotRequested = DisclosurePolicy.Shape(record, new DisclosureRequest { Requested = [], Entitlements = entitled }, StoredAt);

        Assert.Equal("alice@holdings.example", requestedAndEntitled.Record.Registrant!.Email);
        Assert.Null(requestedAndEntitled.Record.Registrant.Name);
        Assert.DoesNotContain(requestedAndEntitled.Redactions, r => r.Element == DataElement.RegistrantEmail);
        Assert.Null(requestedNotEntitled.Record.Registrant!.Phone);
        Assert.Null(entitledNotRequested.Record.Registrant!.Email);
        Assert.Null(entitledNotRequested.Record.Registrant.Name);
    }

    [Fact]
    public void A_full_entitlement_discloses_the_record_unchanged_except_tech_address()
    {
        var record = SampleRecords.Full("full.example");
        var request = new DisclosureRequest { Requested = Everything, Entitlements = new Entitlements { Clear = Everything } };

        var disclosed = DisclosurePolicy.Shape(record, request, StoredAt);

        Assert.Empty(disclosed.Redactions);
        Assert.Equal(RegistrationJson.Serialize(record), RegistrationJson.Serialize(disclosed.Record));
        Assert.Equal(StoredAt, disclosed.DatabaseUpdatedAt);
    }

    [Fact]
    public void An_extension_is_withheld_with_its_number()
    {
        var record = SampleRecords.Full("ext.example");
        var request = new DisclosureRequest
        {
            Requested = [DataElement.RegistrantPhone, DataElement.RegistrantPhoneExt],
            Entitlements = new Entitlements { Clear = [DataElement.RegistrantPhone] },
        };

        var disclosed = DisclosurePolicy.Shape(record, request, StoredAt);

        Assert.Equal("+1.5555551234", disclosed.Record.Registrant!.Phone);
        Assert.Null(disclosed.Record.Registrant.PhoneExt);
        Assert.Contains(disclosed.Redactions, r => r.Element == DataElement.RegistrantPhoneExt);
    }

    [Fact]
    public void Absent_elements_are_not_reported_as_redacted()
    {
        var record = SampleRecords.Full("sparse.example") with { Registrant = new Contact { Organization = "Org" }, Tech = null };

        var disclosed = DisclosurePolicy.Shape(record, DisclosureRequest.Public, StoredAt);

        Assert.Empty(disclosed.Redactions);
    }

    [Fact]
    public void Attribute_kinds_follow_the_same_rule_as_their_elements()
    {
        Assert.Equal(
            [Rds.Attributes.AttributeKind.NameserverName, Rds.Attributes.AttributeKind.NameserverIp, Rds.Attributes.AttributeKind.RegistrantOrganization],
            Enum.GetValues<Rds.Attributes.AttributeKind>().Where(DisclosureRequest.Public.Discloses));

        var entitled = new DisclosureRequest { Requested = [DataElement.RegistrantEmail], Entitlements = new Entitlements { Clear = [DataElement.RegistrantEmail, DataElement.TechEmail] } };
        Assert.True(entitled.Discloses(Rds.Attributes.AttributeKind.RegistrantEmail));
        Assert.False(entitled.Discloses(Rds.Attributes.AttributeKind.TechEmail));
    }
}
