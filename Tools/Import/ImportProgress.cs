using System.Diagnostics;
using System.Globalization;

namespace Rds.Tools.Import;

/// <summary>
/// Progress on stderr: a line redrawn in place with <c>\r</c> on a terminal, or a plain line every few seconds
/// when stderr is redirected to a file or a CI log (where carriage returns would pile up).
/// </summary>
internal sealed class ImportProgress(TextWriter output, bool interactive, long totalBytes)
{
    private static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    private readonly Stopwatch stopwatch = Stopwatch.StartNew();
    private readonly Lock renderLock = new();
    private long bytesSent;
    private long linesAcknowledged;
    private TimeSpan lastRender;
    private int lastWidth;

    public TimeSpan Elapsed => stopwatch.Elapsed;

    /// <summary>Called from the request bodies as they are written, possibly on several threads.</summary>
    public void AddBytesSent(long bytes)
    {
        Interlocked.Add(ref bytesSent, bytes);
        RenderIfDue();
    }

    public void AddLinesAcknowledged(long lines)
    {
        Interlocked.Add(ref linesAcknowledged, lines);
        RenderIfDue();
    }

    public void Complete()
    {
        lock (renderLock)
        {
            Render();
            if (interactive)
            {
                output.WriteLine();
            }
        }
    }

    private void RenderIfDue()
    {
        lock (renderLock)
        {
            if (stopwatch.Elapsed - lastRender >= (interactive ? TerminalInterval : LogInterval))
            {
                Render();
            }
        }
    }

    private void Render()
    {
        lastRender = stopwatch.Elapsed;
        var lines = Interlocked.Read(ref linesAcknowledged);
        var bytes = Interlocked.Read(ref bytesSent);
        var seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001);
        var percent = totalBytes > 0 ? $" ({Math.Min(100.0, 100.0 * bytes / totalBytes):F1}%)" : string.Empty;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{lines:N0} lines sent | {bytes / 1048576.0:F1} MiB sent{percent} | {lines / seconds:N0} records/s | {stopwatch.Elapsed:hh\\:mm\\:ss}");
        if (interactive)
        {
            output.Write('\r' + text.PadRight(lastWidth));
            lastWidth = text.Length;
        }
        else
        {
            output.WriteLine(text);
        }

        output.Flush();
    }
}
