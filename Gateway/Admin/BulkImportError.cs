namespace Rds.Gateway.Admin;

/// <summary>One refused line of a bulk import.</summary>
internal sealed record BulkImportError(long Line, string? Domain, string Error);
