namespace Rds.Tools.Import;

/// <summary>The RDAP error body (RFC 9083 §6) the gateway sends with a non-200 status.</summary>
internal sealed record RdapErrorResponse
{
    public int ErrorCode { get; init; }

    public string? Title { get; init; }

    public IReadOnlyList<string> Description { get; init; } = [];

    public override string ToString() =>
        string.Join(": ", new[] { Title, string.Join(" ", Description) }.Where(part => !string.IsNullOrWhiteSpace(part)));
}
