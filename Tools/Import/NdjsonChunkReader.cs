using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Rds.Tools.Import;

/// <summary>Cuts an NDJSON stream into chunks of at most N non-blank lines, reading lazily so only one chunk is held per request.</summary>
internal static class NdjsonChunkReader
{
    public static async IAsyncEnumerable<NdjsonChunk> ReadAsync(TextReader reader, int maximumLines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maximumLines);
        var lines = ImmutableArray.CreateBuilder<string>(maximumLines);
        var lineNumbers = ImmutableArray.CreateBuilder<long>(maximumLines);
        long byteCount = 0;
        long fileLine = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            fileLine++;

            // A blank line (a trailing newline, an editor's extra line) is not a record: skip it rather than
            // make the gateway report it as a failed line.
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            lines.Add(line);
            lineNumbers.Add(fileLine);
            byteCount += NdjsonChunk.ByteCountOf(line);
            if (lines.Count == maximumLines)
            {
                yield return new NdjsonChunk(lines.DrainToImmutable(), lineNumbers.DrainToImmutable(), byteCount);
                byteCount = 0;
            }
        }

        if (lines.Count > 0)
        {
            yield return new NdjsonChunk(lines.DrainToImmutable(), lineNumbers.DrainToImmutable(), byteCount);
        }
    }
}
