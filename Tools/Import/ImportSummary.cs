using System.Globalization;
using System.Text;

namespace Rds.Tools.Import;

/// <summary>The end-of-import text: totals, throughput and the first refused lines by file line number.</summary>
internal static class ImportSummary
{
    public static string Format(string fileName, Uri endpoint, ImportReport report, TimeSpan elapsed, bool aborted)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"{(aborted ? "Import aborted (partial totals)" : "Import finished")}: {fileName} -> {endpoint}");
        text.AppendLine(culture, $"  {report.LinesSent:N0} lines sent in {report.Requests:N0} requests, {elapsed.TotalSeconds:F1} s, {report.LinesSent / seconds:N0} records/s");
        text.AppendLine(culture, $"  read {report.LinesRead:N0}, stored {report.Stored:N0}, unchanged {report.Unchanged:N0}, stale {report.Stale:N0}, conflicts {report.Conflicts:N0}, failed {report.Failed:N0}");
        if (report.LinesRead != report.LinesSent)
        {
            text.AppendLine(culture, $"  warning: the gateway reports {report.LinesRead:N0} lines read of {report.LinesSent:N0} sent");
        }

        if (report.FirstErrors.Count > 0)
        {
            text.AppendLine(culture, $"First {report.FirstErrors.Count} refused lines:");
            foreach (var error in report.FirstErrors)
            {
                var line = error.FileLine?.ToString(culture) ?? "?";
                text.AppendLine(culture, $"  line {line}{(error.Domain is null ? string.Empty : $" ({error.Domain})")}: {error.Error}");
            }
        }

        return text.ToString();
    }
}
