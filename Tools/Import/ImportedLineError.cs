namespace Rds.Tools.Import;

/// <summary>A refused line as the user sees it: its line in the import file (null if the gateway named a line the request did not have).</summary>
internal sealed record ImportedLineError(long? FileLine, string? Domain, string Error);
