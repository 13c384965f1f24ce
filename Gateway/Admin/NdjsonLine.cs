namespace Rds.Gateway.Admin;

/// <summary>One line of an NDJSON body: its bytes, or why it could not be read.</summary>
internal readonly record struct NdjsonLine(long Number, byte[]? Bytes, string? Error)
{
    public static NdjsonLine Of(long number, byte[] bytes) => new(number, bytes, null);

    public static NdjsonLine Failed(long number, string error) => new(number, null, error);
}
