using Rds.Registrations;

namespace Rds.Tests.Registrations;

public sealed class DomainNamesTests
{
    [Theory]
    [InlineData("example.com", "example.com", null)]
    [InlineData("EXAMPLE.Com", "example.com", null)]
    [InlineData("example.com.", "example.com", null)]
    [InlineData("Bücher.Example", "xn--bcher-kva.example", "bücher.example")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example", "bücher.example")]
    [InlineData("XN--BCHER-KVA.EXAMPLE.", "xn--bcher-kva.example", "bücher.example")]
    [InlineData("例え.テスト", "xn--r8jz45g.xn--zckzah", "例え.テスト")]
    [InlineData("faß.example", "xn--fa-hia.example", "faß.example")]
    public void Valid_names_normalise_to_lower_case_a_label_without_trailing_dot(string input, string aLabel, string? uLabel)
    {
        var name = DomainNames.Normalize(input);

        Assert.True(name.IsValid, name.Error);
        Assert.Equal(aLabel, name.ALabel);
        Assert.Equal(uLabel, name.ULabel);
    }

    [Fact]
    public void A_u_label_query_and_its_a_label_give_the_same_key()
    {
        Assert.Equal(DomainNames.Normalize("bücher.example").ALabel, DomainNames.Normalize("xn--bcher-kva.example").ALabel);
        Assert.True(DomainNames.Normalize("bücher.example").WasUnicodeInput);
        Assert.False(DomainNames.Normalize("xn--bcher-kva.example").WasUnicodeInput);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData(".", "empty")]
    [InlineData("example..com", "empty label")]
    [InlineData(".example", "empty label")]
    [InlineData("example.com..", "empty label")]
    [InlineData("xn--bcher-kva.bücher.example", "mixes A-labels and U-labels")]
    [InlineData("xn--zz.example", "invalid A-label")]
    [InlineData("xn--abc-.example", "invalid A-label")]
    [InlineData("a_b.example", "not a valid host name")]
    [InlineData("-ab.example", "not a valid host name")]
    [InlineData("ab-.example", "not a valid host name")]
    [InlineData("ab--cd.example", "not a valid host name")]
    [InlineData("a/b.example", "not a valid host name")]
    [InlineData("a%2Fb.example", "not a valid host name")]
    [InlineData("a#b.example", "not a valid host name")]
    [InlineData("a?b.example", "not a valid host name")]
    [InlineData("a\\b.example", "not a valid host name")]
    [InlineData("exa mple.com", "white-space")]
    [InlineData("exa\u0000mple.com", "control")]
    [InlineData("example.com\n", "control")]
    public void Invalid_names_are_refused_with_a_reason(string input, string reasonFragment)
    {
        var name = DomainNames.Normalize(input);

        Assert.False(name.IsValid);
        Assert.Null(name.ALabel);
        Assert.Contains(reasonFragment, name.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_label_of_64_octets_is_refused_and_63_accepted()
    {
        Assert.True(DomainNames.Normalize(new string('a', 63) + ".example").IsValid);
        var tooLong = DomainNames.Normalize(new string('a', 64) + ".example");
        Assert.False(tooLong.IsValid);
    }

    [Fact]
    public void A_name_over_253_octets_is_refused_and_253_accepted()
    {
        var label = new string('a', 63);
        var exactly253 = $"{label}.{label}.{label}.{new string('b', 53)}.example";
        Assert.Equal(253, exactly253.Length);
        Assert.True(DomainNames.Normalize(exactly253).IsValid);
        Assert.False(DomainNames.Normalize("c" + exactly253).IsValid);
    }

    [Fact]
    public void A_huge_input_is_refused_without_being_processed()
    {
        var name = DomainNames.Normalize(new string('a', 1_000_000));
        Assert.False(name.IsValid);
        Assert.Contains("longer than 253", name.Error);
    }

    [Fact]
    public void An_idn_whose_a_label_exceeds_63_octets_is_refused()
    {
        // 30 umlauts encode to far more than 63 octets of Punycode.
        var name = DomainNames.Normalize(new string('ü', 60) + ".example");
        Assert.False(name.IsValid);
    }
}
