using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Rds.Gateway;
using Rds.Hosting;

namespace Rds.Tests.Infrastructure;

/// <summary>
/// One Azurite, one in-process cluster and one gateway on a real Kestrel port, shared by the tests of the
/// "cluster" collection. Tests use their own domain names, so they never see each other's records.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key-3f9a1c";

    /// <summary>Small, so that paging is exercised with a handful of records.</summary>
    public const int SearchPageSize = 5;

    private AzuriteStorage? _storage;
    private InProcessTestCluster? _cluster;
    private WebApplication? _gateway;

    internal AzuriteStorage Storage => _storage!;

    internal RdsClusterSettings Settings { get; private set; } = null!;

    public InProcessTestCluster Cluster => _cluster!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>A client of the gateway without credentials.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>A client of the gateway that presents the operator key.</summary>
    public HttpClient Operator { get; private set; } = null!;

    public Uri GatewayAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _storage = await AzuriteStorage.StartAsync();
        Settings = TestCluster.SettingsFor(_storage);
        _cluster = await TestCluster.StartAsync(Settings);
        var client = _cluster.Client;
        _gateway = GatewayApp.Build(
            ["--urls", "http://127.0.0.1:0", "--Admin:OperatorKey", OperatorKey, "--Admin:MaxBulkBodyBytes", (4 * 1024 * 1024).ToString(), "--Rdap:SearchPageSize", SearchPageSize.ToString()],
            builder => builder.Services.AddSingleton<IGrainFactory>(client));
        await _gateway.StartAsync();
        var address = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        GatewayAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = GatewayAddress };
        Operator = new HttpClient { BaseAddress = GatewayAddress };
        Operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        Operator?.Dispose();
        if (_gateway is not null)
            await _gateway.DisposeAsync();
        if (_cluster is not null)
            await _cluster.DisposeAsync();
        if (_storage is not null)
            await _storage.DisposeAsync();
    }
}
