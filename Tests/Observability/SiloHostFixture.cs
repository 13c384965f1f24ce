using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Rds.Gateway.Hosting;
using Rds.Hosting;
using Rds.Silo.Hosting;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Observability;

/// <summary>
/// A silo built exactly as the silo process builds it (<see cref="SiloApp"/>: Azure Table membership on Azurite, its
/// own Kestrel for probes, metrics and the dashboard), with the dashboard on and no anonymous access, and an Orleans
/// client that finds it through membership as the gateway does.
/// </summary>
public sealed class SiloHostFixture : IAsyncLifetime
{
    public const string OperatorKey = "silo-host-operator-key-5d1e0a";
    public const string ScrapeKey = "silo-host-scrape-key-8c2a41";

    private AzuriteStorage? _storage;
    private WebApplication? _silo;
    private IHost? _client;

    /// <summary>A client of the silo's health port, without credentials.</summary>
    public HttpClient Http { get; private set; } = null!;

    public IGrainFactory Grains => _client!.Services.GetRequiredService<IGrainFactory>();

    public async Task InitializeAsync()
    {
        _storage = await AzuriteStorage.StartAsync();
        var settings = TestCluster.SettingsFor(_storage) with { ClusterId = "silo-host-" + Guid.NewGuid().ToString("N")[..8] };
        _silo = SiloApp.Build([
            "--Storage:ConnectionString", settings.StorageConnectionString, "--Storage:TablePrefix", settings.TablePrefix,
            "--Orleans:ClusterId", settings.ClusterId, "--Orleans:ServiceId", settings.ServiceId,
            "--Orleans:SiloPort", FreePort().ToString(), "--Orleans:GatewayPort", FreePort().ToString(),
            "--Pseudonyms:MasterKey", settings.PseudonymMasterKey!,
            // Digests, as a deployment configures them.
            "--Admin:OperatorKeySha256", Sha256Hex(OperatorKey), "--Metrics:ScrapeKeySha256", Sha256Hex(ScrapeKey),
            "--Dashboard:Enabled", "true"]);
        await _silo.StartAsync();
        var address = _silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };

        var client = Host.CreateApplicationBuilder();
        client.UseOrleansClient(orleans => orleans.UseRdsClustering(settings));
        _client = client.Build();
        await _client.StartAsync();
    }

    /// <summary>A GET on the silo's health port with this credential, or none.</summary>
    public async Task<HttpResponseMessage> GetAsync(string path, AuthenticationHeaderValue? credential)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = credential;
        return await Http.SendAsync(request);
    }

    public static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static string Sha256Hex(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }
        if (_silo is not null)
        {
            await _silo.StopAsync();
            await _silo.DisposeAsync();
        }
        if (_storage is not null)
            await _storage.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SiloHostCollection : ICollectionFixture<SiloHostFixture>
{
    public const string Name = "silo-host";
}
