namespace Rds.Tools.Import;

/// <summary>The import cannot go on (gateway unreachable, operator key refused, request refused as a whole). The message never carries the key.</summary>
internal sealed class ImportAbortedException(string message, Exception? innerException = null) : Exception(message, innerException);
