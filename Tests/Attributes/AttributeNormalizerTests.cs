using System.Collections.Immutable;
using Rds.Attributes;
using Rds.Grains.Attributes;
using Rds.Registrations;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Attributes;

public sealed class AttributeNormalizerTests
{
    [Theory]
    [InlineData(AttributeKind.NameserverName, "NS1.Host.Example.", "ns1.host.example")]
    [InlineData(AttributeKind.NameserverName, "ns1.bücher.example", "ns1.xn--bcher-kva.example")]
    [InlineData(AttributeKind.NameserverIp, "2001:DB8:0:0:0:0:0:1", "2001:db8::1")]
    [InlineData(AttributeKind.NameserverIp, " 192.0.2.1 ", "192.0.2.1")]
    [InlineData(AttributeKind.RegistrantEmail, "Alice@Bücher.Example", "alice@xn--bcher-kva.example")]
    [InlineData(AttributeKind.TechEmail, "a/b#c?d@X.Example", "a/b#c?d@x.example")]
    [InlineData(AttributeKind.RegistrantOrganization, "  Example\tHoldings   LTD ", "example holdings ltd")]
    [InlineData(AttributeKind.RegistrantOrganization, "Ｅｘａｍｐｌｅ Inc", "example inc")]
    [InlineData(AttributeKind.RegistrantPhone, "+1.555-555-1234", "+15555551234")]
    [InlineData(AttributeKind.RegistryRegistrantId, " C100-EXAMPLE ", "C100-EXAMPLE")]
    public void Values_written_differently_normalise_alike(AttributeKind kind, string raw, string expected)
    {
        Assert.True(AttributeNormalizer.TryNormalize(kind, raw, out var value, out var error), error);
        Assert.Equal(new AttributeValue(kind, expected), value);
    }

    [Theory]
    [InlineData(AttributeKind.NameserverIp, "1.2")]
    [InlineData(AttributeKind.NameserverIp, "not-an-ip")]
    [InlineData(AttributeKind.RegistrantEmail, "no-at-sign")]
    [InlineData(AttributeKind.RegistrantEmail, "a@bad_domain.example")]
    [InlineData(AttributeKind.NameserverName, "a..b")]
    [InlineData(AttributeKind.RegistrantPhone, "+1")]
    [InlineData(AttributeKind.RegistrantOrganization, "")]
    [InlineData(AttributeKind.RegistrantOrganization, "bell\u0007")]
    public void Invalid_values_are_refused(AttributeKind kind, string raw)
    {
        Assert.False(AttributeNormalizer.TryNormalize(kind, raw, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Keys_are_lossless_for_characters_azure_keys_forbid()
    {
        var forbidden = AttributeKey.Of(new AttributeValue(AttributeKind.RegistrantEmail, "a/b#c?d@x.example"));
        var lookalike = AttributeKey.Of(new AttributeValue(AttributeKind.RegistrantEmail, "a_b_c_d@x.example"));
        var otherKind = AttributeKey.Of(new AttributeValue(AttributeKind.TechEmail, "a/b#c?d@x.example"));

        Assert.NotEqual(forbidden, lookalike);
        Assert.NotEqual(forbidden, otherKind);
        foreach (var key in new[] { forbidden, lookalike, otherKind })
            Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public void Long_values_get_a_bounded_key()
    {
        var longValue = new string('x', 300) + "@x.example";
        var key = AttributeKey.Of(new AttributeValue(AttributeKind.RegistrantEmail, longValue));
        var other = AttributeKey.Of(new AttributeValue(AttributeKind.RegistrantEmail, "y" + longValue));

        Assert.True(key.Length < 100);
        Assert.NotEqual(key, other);
    }

    [Fact]
    public void A_record_enters_every_attribute_it_carries()
    {
        var record = RegistrationNormalizer.Normalize(SampleRecords.Full("attrs.example")).Record!;

        var values = RecordAttributes.Of(record);

        Assert.Contains(new AttributeValue(AttributeKind.NameserverName, "ns1.host.example"), values);
        Assert.Contains(new AttributeValue(AttributeKind.NameserverName, "ns2.host.example"), values);
        Assert.Contains(new AttributeValue(AttributeKind.NameserverIp, "192.0.2.1"), values);
        Assert.Contains(new AttributeValue(AttributeKind.NameserverIp, "2001:db8::1"), values);
        Assert.Contains(new AttributeValue(AttributeKind.RegistrantEmail, "alice@holdings.example"), values);
        Assert.Contains(new AttributeValue(AttributeKind.RegistrantOrganization, "example holdings"), values);
        Assert.Contains(new AttributeValue(AttributeKind.RegistrantPhone, "+15555551234"), values);
        Assert.Contains(new AttributeValue(AttributeKind.RegistryRegistrantId, "C100-EXAMPLE"), values);
        Assert.Contains(new AttributeValue(AttributeKind.TechId, "C200-EXAMPLE"), values);
        Assert.Contains(new AttributeValue(AttributeKind.TechEmail, "bob@tech.example"), values);
        Assert.Equal(10, values.Count);
        Assert.Empty(RecordAttributes.Of(null));
    }

    [Fact]
    public void Shard_layout_finds_ranges_and_survives_its_encoding()
    {
        ImmutableArray<ShardRange> layout = [new ShardRange("", 0, 3), new ShardRange("m", 1, 5), new ShardRange("t", 2, 7)];

        Assert.Equal(0, layout[ShardLayout.IndexOf(layout, "a.example")].ShardId);
        Assert.Equal(1, layout[ShardLayout.IndexOf(layout, "m")].ShardId);
        Assert.Equal(1, layout[ShardLayout.IndexOf(layout, "s.example")].ShardId);
        Assert.Equal(2, layout[ShardLayout.IndexOf(layout, "z.example")].ShardId);
        Assert.Equal(15, ShardLayout.Total(layout));
        Assert.Equal(layout.ToArray(), ShardLayout.Decode(ShardLayout.Encode(layout)).ToArray());
        Assert.Throws<InvalidDataException>(() => ShardLayout.Decode(ShardLayout.Encode([new ShardRange("m", 1, 5)])));
    }
}
