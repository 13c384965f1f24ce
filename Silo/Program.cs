using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rds.Grains.Attributes;
using Rds.Hosting;
using Rds.Silo.Hosting;
using Serilog;

Log.Logger = RdsLogging.CreateLogger("silo");
try
{
    var builder = Host.CreateApplicationBuilder(args);
    var settings = RdsClusterSettings.FromConfiguration(builder.Configuration);
    var endpoints = SiloEndpointSettings.FromConfiguration(builder.Configuration);
    builder.Services.AddSerilog();
    builder.UseOrleans(silo =>
    {
        silo.UseRdsClustering(settings)
            .ConfigureEndpoints(endpoints.AdvertisedAddress, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: endpoints.ListenOnAnyAddress)
            .AddRdsGrainStorage(settings);
    });
    // Benchmark baselines only: AttributeIndex:Maintained=false (see AttributeIndexOptions).
    builder.Services.Configure<AttributeIndexOptions>(builder.Configuration.GetSection("AttributeIndex"));
    var host = builder.Build();
    await StorageProbe.EnsureReachableAsync(settings, TimeSpan.FromSeconds(15));
    Log.Information("Silo starting: cluster {ClusterId}, silo port {SiloPort}, gateway port {GatewayPort}, tables prefixed {TablePrefix}",
        settings.ClusterId, endpoints.SiloPort, endpoints.GatewayPort, settings.TablePrefix);
    await host.RunAsync();
    return 0;
}
catch (RdsConfigurationException configurationError)
{
    Log.Fatal("Silo cannot start: {Reason}", configurationError.Message);
    return 2;
}
finally
{
    await Log.CloseAndFlushAsync();
}
