using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Rds.Hosting;

/// <summary>
/// Checks at start-up that the storage account's table and queue services answer (grain state and the audit
/// stream), so a wrong connection fails fast and says so.
/// </summary>
internal static class StorageProbe
{
    public static async Task EnsureReachableAsync(RdsClusterSettings settings, TimeSpan deadline)
    {
        TableServiceClient tables;
        QueueServiceClient queues;
        try
        {
            tables = new TableServiceClient(settings.StorageConnectionString, new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(3) } });
            queues = new QueueServiceClient(settings.StorageConnectionString, new QueueClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(3) } });
        }
        catch (Exception malformed) when (malformed is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new RdsConfigurationException($"'{RdsClusterSettings.ConnectionStringKey}' is not a valid storage connection string (with table and queue endpoints): {malformed.Message}");
        }

        using var timeout = new CancellationTokenSource(deadline);
        await ProbeAsync("table", async cancel =>
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: cancel).AsPages(pageSizeHint: 1))
                break;
        }, deadline, timeout.Token);
        await ProbeAsync("queue", async cancel =>
        {
            await foreach (var _ in queues.GetQueuesAsync(cancellationToken: cancel).AsPages(pageSizeHint: 1))
                break;
        }, deadline, timeout.Token);
    }

    private static async Task ProbeAsync(string service, Func<CancellationToken, Task> probe, TimeSpan deadline, CancellationToken timeout)
    {
        Exception? last = null;
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                await probe(timeout);
                return;
            }
            catch (Exception unreachable) when (unreachable is RequestFailedException or OperationCanceledException or AggregateException)
            {
                last = unreachable;
                await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            }
        }
        throw new RdsConfigurationException(
            $"The {service} service of the storage named by '{RdsClusterSettings.ConnectionStringKey}' did not answer within {deadline.TotalSeconds:0} s ({last?.GetType().Name}: {last?.Message.Split('\n')[0]}).");
    }
}
