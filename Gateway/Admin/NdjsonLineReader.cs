using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace Rds.Gateway.Admin;

/// <summary>
/// Splits a streamed NDJSON body into lines without ever holding more than one line: a line longer than the limit is
/// reported and skipped up to its end, so one bad line cannot exhaust memory or stop the import.
/// </summary>
internal static class NdjsonLineReader
{
    public static async IAsyncEnumerable<NdjsonLine> ReadAsync(PipeReader reader, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long lineNumber = 0;
        var skippingOverlongLine = false;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            while (TryTakeLine(ref buffer, out var line))
            {
                lineNumber++;
                if (skippingOverlongLine)
                {
                    skippingOverlongLine = false;
                    yield return NdjsonLine.Failed(lineNumber, $"The line is longer than {maxLineBytes} bytes.");
                }
                else if (line.Length > maxLineBytes)
                {
                    yield return NdjsonLine.Failed(lineNumber, $"The line is longer than {maxLineBytes} bytes.");
                }
                else if (!IsBlank(line))
                {
                    yield return NdjsonLine.Of(lineNumber, line.ToArray());
                }
            }

            if (read.IsCompleted)
            {
                // A last line without a newline is still a line; if it was cut short, parsing it will say so.
                if (buffer.Length > 0 || skippingOverlongLine)
                {
                    lineNumber++;
                    if (skippingOverlongLine || buffer.Length > maxLineBytes)
                        yield return NdjsonLine.Failed(lineNumber, $"The line is longer than {maxLineBytes} bytes.");
                    else if (!IsBlank(buffer))
                        yield return NdjsonLine.Of(lineNumber, buffer.ToArray());
                }
                reader.AdvanceTo(buffer.End);
                yield break;
            }

            if (buffer.Length > maxLineBytes)
            {
                // Drop what we have of the over-long line and keep reading until its newline.
                skippingOverlongLine = true;
                reader.AdvanceTo(buffer.End);
            }
            else
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var newline = buffer.PositionOf((byte)'\n');
        if (newline is null)
        {
            line = default;
            return false;
        }
        line = buffer.Slice(0, newline.Value);
        if (line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == '\r')
            line = line.Slice(0, line.Length - 1);
        buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                    return false;
            }
        }
        return true;
    }
}
