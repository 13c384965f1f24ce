namespace Rds.Requestors;

/// <summary>A new API key. <see cref="Token"/> is shown this once and is stored nowhere: only its SHA-256 is kept.</summary>
[GenerateSerializer, Immutable, Alias("rds.IssuedApiKey")]
public sealed record IssuedApiKey
{
    [Id(0)] public required string KeyId { get; init; }

    [Id(1)] public required string Token { get; init; }
}
