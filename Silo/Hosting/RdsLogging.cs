using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Rds.Hosting;

/// <summary>
/// Serilog for silo and gateway alike: structured events to the console, as compact JSON when RDS_LOG_JSON=1
/// (for collectors), as readable lines otherwise. Orleans' own chatter is kept at warning.
/// </summary>
internal static class RdsLogging
{
    public static Serilog.ILogger CreateLogger(string process) =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            // Polly logs every grain placement attempt at information; that would dominate the log and cost throughput.
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .Enrich.With<RequestIdEnricher>()
            .Enrich.WithProperty("Process", process)
            .WriteTo.Console(Environment.GetEnvironmentVariable("RDS_LOG_JSON") == "1"
                ? new CompactJsonFormatter()
                : new Serilog.Formatting.Display.MessageTemplateTextFormatter(
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {Process}: {Message:lj} {Properties:j}{NewLine}{Exception}"))
            .CreateLogger();
}
