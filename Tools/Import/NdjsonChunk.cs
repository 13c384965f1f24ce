using System.Collections.Immutable;

namespace Rds.Tools.Import;

/// <summary>
/// Consecutive non-blank lines of the import file sent as one request, with the file line number of each so
/// the gateway's chunk-relative line numbers (1-based) can be reported as file line numbers.
/// </summary>
internal sealed record NdjsonChunk(ImmutableArray<string> Lines, ImmutableArray<long> FileLineNumbers, long ByteCount)
{
    /// <summary>The file line of the chunk's 1-based line <paramref name="chunkLine"/>; null when the gateway names a line the chunk does not have.</summary>
    public long? FileLineOf(int chunkLine) =>
        chunkLine >= 1 && chunkLine <= FileLineNumbers.Length ? FileLineNumbers[chunkLine - 1] : null;

    /// <summary>Two halves, for resending a chunk whose body the gateway found too large.</summary>
    public (NdjsonChunk First, NdjsonChunk Second) Split()
    {
        var half = Lines.Length / 2;
        return (Slice(0, half), Slice(half, Lines.Length - half));
    }

    public static long ByteCountOf(string line) => System.Text.Encoding.UTF8.GetByteCount(line) + 1;

    private NdjsonChunk Slice(int start, int length)
    {
        var lines = Lines.Slice(start, length);
        return new NdjsonChunk(lines, FileLineNumbers.Slice(start, length), lines.Sum(ByteCountOf));
    }
}
