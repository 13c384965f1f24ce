using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rds.Hosting;
using Serilog;

namespace Rds.Silo.Hosting;

/// <summary>
/// Builds the silo host: the Orleans silo, and beside it a small Kestrel on <c>Orleans:HealthPort</c> serving the
/// probes, the metrics and, when enabled, the dashboard. The tests build the same host the process runs.
/// </summary>
internal static class SiloApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = RdsClusterSettings.FromConfiguration(builder.Configuration);
        var endpoints = SiloEndpointSettings.FromConfiguration(builder.Configuration);
        var dashboard = SiloDashboard.IsEnabled(builder.Configuration);
        builder.Services.AddSerilog();
        // Health endpoints on Orleans:HealthPort for an orchestrator's probes; without one, on a free loopback port.
        builder.WebHost.UseUrls(endpoints.HealthPort is { } port ? $"http://{(endpoints.ListenOnAnyAddress ? "0.0.0.0" : "127.0.0.1")}:{port}" : "http://127.0.0.1:0");
        builder.AddRdsMetrics("silo");
        builder.UseOrleans(silo =>
        {
            silo.UseRdsClustering(settings)
                .ConfigureEndpoints(endpoints.AdvertisedAddress, endpoints.SiloPort, endpoints.GatewayPort, listenOnAnyHostAddress: endpoints.ListenOnAnyAddress)
                .AddRdsGrainStorage(settings)
                .AddRdsAuditStreams(settings);
            // A pod's name (POD_NAME through the downward API) makes the silo recognisable in membership and logs.
            if (builder.Configuration["Orleans:SiloName"] is { Length: > 0 } name)
                silo.Configure<Orleans.Configuration.SiloOptions>(options => options.SiloName = name);
            // How long an idle activation stays (Orleans:GrainCollection:CollectionAge, default 15 minutes): a bulk load
            // of a large registry activates every grain once, and waiting 15 minutes to collect them costs the memory.
            silo.Configure<Orleans.Configuration.GrainCollectionOptions>(builder.Configuration.GetSection("Orleans:GrainCollection"));
            if (dashboard)
                silo.AddSiloDashboard(builder.Configuration);
        });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSiloHealth();
        app.MapRdsMetrics();
        if (dashboard)
            app.MapSiloDashboard();
        return app;
    }
}
