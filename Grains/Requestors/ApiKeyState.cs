namespace Rds.Grains.Requestors;

/// <summary>What an API key grain remembers: whose key it is and the SHA-256 of its token, never the token.</summary>
[GenerateSerializer, Alias("rds.ApiKeyState")]
public sealed record ApiKeyState
{
    [Id(0)] public string? RequestorId { get; init; }

    [Id(1)] public byte[] Digest { get; init; } = [];
}
