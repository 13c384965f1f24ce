namespace Rds.Tools.Import;

/// <summary>One refused line in a bulk response: its 1-based line in the request body, the domain when the line named one, and why.</summary>
internal sealed record BulkImportLineError(int Line, string? Domain, string Error);
