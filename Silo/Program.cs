using Rds.Hosting;
using Rds.Silo.Hosting;
using Serilog;

Log.Logger = RdsLogging.CreateLogger("silo");
try
{
    var app = SiloApp.Build(args);
    var settings = RdsClusterSettings.FromConfiguration(app.Configuration);
    var endpoints = SiloEndpointSettings.FromConfiguration(app.Configuration);
    await StorageProbe.EnsureReachableAsync(settings, TimeSpan.FromSeconds(15));
    Log.Information("Silo starting: cluster {ClusterId}, silo port {SiloPort}, gateway port {GatewayPort}, health port {HealthPort}, tables prefixed {TablePrefix}",
        settings.ClusterId, endpoints.SiloPort, endpoints.GatewayPort, endpoints.HealthPort?.ToString() ?? "none", settings.TablePrefix);
    if (settings.InMemoryRegistry)
        Log.Warning("Domain records and the attribute index are kept in this silo's memory ({Key}): a benchmark silo; they are lost when it stops", RdsClusterSettings.InMemoryRegistryKey);
    await app.RunAsync();
    return 0;
}
catch (Exception configurationError) when (configurationError is RdsConfigurationException or Microsoft.Extensions.Options.OptionsValidationException)
{
    Log.Fatal("Silo cannot start: {Reason}", configurationError.Message);
    return 2;
}
finally
{
    await Log.CloseAndFlushAsync();
}
