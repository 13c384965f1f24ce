using Orleans.TestingHost;
using Rds.Gateway.Audit;
using Rds.Hosting;
using Rds.Silo.Hosting;

namespace Rds.Tests.Infrastructure;

/// <summary>An in-process Orleans cluster wired like the real silo, with its grain state in Azure Table storage.</summary>
internal static class TestCluster
{
    public static RdsClusterSettings SettingsFor(AzuriteStorage storage, string? tablePrefix = null) => new()
    {
        StorageConnectionString = storage.ConnectionString,
        // Every run and every fixture gets its own tables, so runs never see each other's data.
        TablePrefix = tablePrefix ?? NewTablePrefix(),
        ClusterId = "test",
        ServiceId = "rds-tests",
        PseudonymMasterKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        // The production default: a shorter one had the queue hand a busy silo its own unacknowledged messages again
        // and again, so that it spent its time on repeats (seen in the failover test).
        AuditRedeliveryAfter = TimeSpan.FromSeconds(30),
    };

    /// <summary>How often the silos poll the audit queues: tests read the logs right after the answers.</summary>
    public static readonly TimeSpan AuditPollInterval = TimeSpan.FromMilliseconds(20);

    public static string NewTablePrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<InProcessTestCluster> StartAsync(RdsClusterSettings settings, int silos = 1, Action<ISiloBuilder>? configure = null, Action<IClientBuilder>? configureClient = null)
    {
        var builder = new InProcessTestClusterBuilder((short)silos);
        // Table storage keys state by service id: a restarted cluster must keep it to find its grains' state.
        builder.Options.ServiceId = settings.ServiceId;
        builder.Options.ClusterId = settings.ClusterId + "-" + Guid.NewGuid().ToString("N")[..8];
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddRdsGrainStorage(settings).AddRdsAuditStreams(settings, AuditPollInterval);
            configure?.Invoke(silo);
        });
        builder.ConfigureClient(client =>
        {
            client.AddRdsAuditStreams(settings);
            configureClient?.Invoke(client);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
