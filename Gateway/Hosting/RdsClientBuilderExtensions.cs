using Orleans.Configuration;
using Rds.Hosting;

namespace Rds.Gateway.Hosting;

/// <summary>How a client finds the cluster: its ids and the Azure Table membership the silos write. Used by the gateway and by tests of the real hosts.</summary>
public static class RdsClientBuilderExtensions
{
    public static IClientBuilder UseRdsClustering(this IClientBuilder client, RdsClusterSettings settings) => client
        .Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = settings.ClusterId;
            cluster.ServiceId = settings.ServiceId;
        })
        .UseAzureStorageClustering(options =>
        {
            options.TableServiceClient = new Azure.Data.Tables.TableServiceClient(settings.StorageConnectionString);
            options.TableName = settings.MembershipTable;
        });
}
