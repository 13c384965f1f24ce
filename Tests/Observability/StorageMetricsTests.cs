using System.Diagnostics.Metrics;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Rds.Silo.Hosting;

namespace Rds.Tests.Observability;

/// <summary>Failed table calls are counted by table role and error; the 4xx answers that ETags and lookups live on are not failures.</summary>
public sealed class StorageMetricsTests
{
    // The emulator's well-known development account; not a secret.
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static string ConnectionString(string endpoint) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevKey};TableEndpoint={endpoint}/devstoreaccount1;";

    [Fact]
    public async Task Unreachable_storage_and_server_errors_are_counted_and_not_found_is_not()
    {
        // A stand-in table service: a 503 for the table named "failing", a 404 for everything else.
        var server = WebApplication.CreateBuilder();
        server.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = server.Build();
        app.Run(context =>
        {
            context.Response.StatusCode = context.Request.Path.Value!.Contains("failing") ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync();
        var endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var metrics = new StorageMetrics(meters);
        var counted = new List<(string Table, string Error)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "rds.storage.errors")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var labels = tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString());
            counted.Add((labels["rds.storage.table"]!, labels["error.type"]!));
        });
        listener.Start();

        TableClient Client(string endpointUrl, string table, string role)
        {
            var options = metrics.ClientOptions(role);
            options.Retry.MaxRetries = 0;
            return new TableClient(ConnectionString(endpointUrl), table, options);
        }

        var missing = await Client(endpoint, "missing", "audit").GetEntityIfExistsAsync<TableEntity>("p", "r");
        await Assert.ThrowsAsync<RequestFailedException>(() => Client(endpoint, "failing", "attribute-index").GetEntityAsync<TableEntity>("p", "r"));
        await Assert.ThrowsAsync<RequestFailedException>(() => Client("http://127.0.0.1:1", "any", "pseudonyms").GetEntityAsync<TableEntity>("p", "r"));

        Assert.False(missing.HasValue);
        Assert.Equal([("attribute-index", "503"), ("pseudonyms", nameof(RequestFailedException))], counted);
    }
}
