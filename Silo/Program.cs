using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Rds.Hosting;
using Rds.Silo.Hosting;
using Serilog;

Log.Logger = RdsLogging.CreateLogger("silo");
try
{
    var builder = WebApplication.CreateBuilder(args);
    var settings = RdsClusterSettings.FromConfiguration(builder.Configuration);
    var endpoints = SiloEndpointSettings.FromConfiguration(builder.Configuration);
    builder.Services.AddSerilog();
    // Health endpoints on Orleans:HealthPort for an orchestrator's probes; without one, on a free loopback port.
    builder.WebHost.UseUrls(endpoints.HealthPort is { } port ? $"http://{(endpoints.ListenOnAnyAddress ? "0.0.0.0" : "127.0.0.1")}:{port}" : "http://127.0.0.1:0");
    builder.UseOrleans(silo =>
    {
        silo.UseRdsClustering(settings)
            .ConfigureEndpoints(endpoints.AdvertisedAddress, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: endpoints.ListenOnAnyAddress)
            .AddRdsGrainStorage(settings);
        // A pod's name (POD_NAME through the downward API) makes the silo recognisable in membership and logs.
        if (builder.Configuration["Orleans:SiloName"] is { Length: > 0 } name)
            silo.Configure<Orleans.Configuration.SiloOptions>(options => options.SiloName = name);
        // How long an idle activation stays (Orleans:GrainCollection:CollectionAge, default 15 minutes): a bulk load
        // of a large registry activates every grain once, and waiting 15 minutes to collect them costs the memory.
        silo.Configure<Orleans.Configuration.GrainCollectionOptions>(builder.Configuration.GetSection("Orleans:GrainCollection"));
    });
    var app = builder.Build();
    app.MapSiloHealth();
    await StorageProbe.EnsureReachableAsync(settings, TimeSpan.FromSeconds(15));
    Log.Information("Silo starting: cluster {ClusterId}, silo port {SiloPort}, gateway port {GatewayPort}, health port {HealthPort}, tables prefixed {TablePrefix}",
        settings.ClusterId, endpoints.SiloPort, endpoints.GatewayPort, endpoints.HealthPort?.ToString() ?? "none", settings.TablePrefix);
    if (settings.InMemoryRegistry)
        Log.Warning("Domain records and the attribute index are kept in this silo's memory ({Key}): a benchmark silo; they are lost when it stops", RdsClusterSettings.InMemoryRegistryKey);
    await app.RunAsync();
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
