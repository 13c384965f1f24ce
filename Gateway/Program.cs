using Orleans.Configuration;
using Rds.Gateway;
using Rds.Gateway.Audit;
using Rds.Hosting;
using Serilog;

Log.Logger = RdsLogging.CreateLogger("gateway");
try
{
    var app = GatewayApp.Build(args, builder =>
    {
        var settings = RdsClusterSettings.FromConfiguration(builder.Configuration);
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = settings.ClusterId;
                cluster.ServiceId = settings.ServiceId;
            })
            .UseAzureStorageClustering(options =>
            {
                options.TableServiceClient = new Azure.Data.Tables.TableServiceClient(settings.StorageConnectionString);
                options.TableName = settings.MembershipTable;
            })
            .AddRdsAuditStreams(settings));
    });
    await app.RunAsync();
    return 0;
}
catch (RdsConfigurationException configurationError)
{
    Log.Fatal("Gateway cannot start: {Reason}", configurationError.Message);
    return 2;
}
finally
{
    await Log.CloseAndFlushAsync();
}
