using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Rds.Hosting;

namespace Rds.Hosting;

/// <summary>Checks at start-up that the storage account answers, so a wrong connection fails fast and says so.</summary>
internal static class StorageProbe
{
    public static async Task EnsureReachableAsync(RdsClusterSettings settings, TimeSpan deadline)
    {
        TableServiceClient client;
        try
        {
            var options = new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(3) } };
            client = new TableServiceClient(settings.StorageConnectionString, options);
        }
        catch (Exception malformed) when (malformed is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new RdsConfigurationException($"'{RdsClusterSettings.ConnectionStringKey}' is not a valid storage connection string: {malformed.Message}");
        }

        using var timeout = new CancellationTokenSource(deadline);
        Exception? last = null;
        while (!timeout.IsCancellationRequested)
        {
            try
            {
                await foreach (var _ in client.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
                    break;
                return;
            }
            catch (Exception unreachable) when (unreachable is RequestFailedException or OperationCanceledException or AggregateException)
            {
                last = unreachable;
                await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            }
        }
        throw new RdsConfigurationException(
            $"Storage named by '{RdsClusterSettings.ConnectionStringKey}' did not answer within {deadline.TotalSeconds:0} s ({last?.GetType().Name}: {last?.Message.Split('\n')[0]}).");
    }
}
