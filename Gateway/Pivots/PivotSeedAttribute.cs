namespace Rds.Gateway.Pivots;

/// <summary>An attribute value to start a pivot from, e.g. {"kind":"NameserverName","value":"ns1.host.example"}.</summary>
internal sealed record PivotSeedAttribute(string? Kind, string? Value);
