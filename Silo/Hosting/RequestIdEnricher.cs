using Serilog.Core;
using Serilog.Events;

namespace Rds.Hosting;

/// <summary>Adds the HTTP request id a grain call serves (see <see cref="RequestIds"/>) to every log event written during it.</summary>
internal sealed class RequestIdEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (RequestIds.Current is { } id)
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty("RequestId", id));
    }
}
