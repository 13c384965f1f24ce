using System.Diagnostics.Metrics;

namespace Rds.Hosting;

/// <summary>
/// The <c>rds.storage.errors</c> counter of silo and gateway alike: storage calls that failed after the client's
/// retries, by the store's role (a table, or the gateway's audit queue) and the error's kind, never by a key or value.
/// </summary>
internal sealed class StorageErrors(IMeterFactory meters)
{
    private readonly Counter<long> _errors = meters.Create(RdsTelemetry.MeterName).CreateCounter<long>(
        "rds.storage.errors", "{call}", "Storage calls that failed after retries, by the store's role and the error.");

    public void Count(string role, string error) =>
        _errors.Add(1, new KeyValuePair<string, object?>("rds.storage.table", role), new KeyValuePair<string, object?>("error.type", error));
}
