using Rds.Requestors;

namespace Rds.Tests.Requestors;

public sealed class ApiKeyTokensTests
{
    [Fact]
    public void A_created_token_carries_its_key_id_and_is_unique()
    {
        var first = ApiKeyTokens.Create();
        var second = ApiKeyTokens.Create();

        Assert.True(ApiKeyTokens.TryReadKeyId(first.Token, out var keyId));
        Assert.Equal(first.KeyId, keyId);
        Assert.NotEqual(first.Token, second.Token);
        Assert.NotEqual(first.KeyId, second.KeyId);
        Assert.NotEqual(ApiKeyTokens.Digest(first.Token), ApiKeyTokens.Digest(second.Token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test-operator-key-3f9a1c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")]
    public void Other_credentials_are_not_api_keys(string? token) => Assert.False(ApiKeyTokens.TryReadKeyId(token, out _));

    [Fact]
    public void A_token_with_a_changed_shape_is_not_an_api_key()
    {
        var token = ApiKeyTokens.Create().Token;

        Assert.False(ApiKeyTokens.TryReadKeyId(token.ToUpperInvariant(), out _));
        Assert.False(ApiKeyTokens.TryReadKeyId(token + "A", out _));
        Assert.False(ApiKeyTokens.TryReadKeyId(token[..^1] + "=", out _));
        Assert.False(ApiKeyTokens.TryReadKeyId("xds" + token[3..], out _));
    }
}
