using Azure.Storage.Queues;
using Rds.Audit;
using Rds.Hosting;

namespace Rds.Gateway.Audit;

/// <summary>The gateway's side of the audit stream: it only produces, into the queues the silos' pulling agents read.</summary>
public static class AuditStreamClient
{
    public static IClientBuilder AddRdsAuditStreams(this IClientBuilder client, RdsClusterSettings settings) =>
        client.AddAzureQueueStreams(AuditStreams.Provider, queue => queue.Configure(options =>
        {
            options.QueueServiceClient = new QueueServiceClient(settings.StorageConnectionString);
            options.QueueNames = [.. settings.AuditQueueNames];
        }));
}
