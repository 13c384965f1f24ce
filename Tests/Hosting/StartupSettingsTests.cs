using Microsoft.Extensions.Configuration;
using Rds.Hosting;
using Rds.Tests.Infrastructure;

namespace Rds.Tests.Hosting;

/// <summary>A wrong or missing setting stops a host with a message naming the setting.</summary>
[Collection(ClusterCollection.Name)]
public sealed class StartupSettingsTests(ClusterFixture fixture)
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void A_missing_connection_string_names_the_setting()
    {
        if (Environment.GetEnvironmentVariable(RdsClusterSettings.ConnectionStringEnvironmentVariable) is { Length: > 0 })
            return; // The environment supplies one; the fallback is what is being used.

        var error = Assert.Throws<RdsConfigurationException>(() => RdsClusterSettings.FromConfiguration(Configuration()));

        Assert.Contains(RdsClusterSettings.ConnectionStringKey, error.Message);
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("")]
    public void A_table_prefix_azure_would_refuse_names_the_setting(string prefix)
    {
        var error = Assert.Throws<RdsConfigurationException>(() => RdsClusterSettings.FromConfiguration(
            Configuration((RdsClusterSettings.ConnectionStringKey, "UseDevelopmentStorage=true"), (RdsClusterSettings.TablePrefixKey, prefix))));

        Assert.Contains(RdsClusterSettings.TablePrefixKey, error.Message);
    }

    [Fact]
    public async Task A_malformed_connection_string_names_the_setting()
    {
        var settings = fixture.Settings with { StorageConnectionString = "this is not a connection string" };

        var error = await Assert.ThrowsAsync<RdsConfigurationException>(() => StorageProbe.EnsureReachableAsync(settings, TimeSpan.FromSeconds(5)));

        Assert.Contains(RdsClusterSettings.ConnectionStringKey, error.Message);
    }

    [Fact]
    public async Task Storage_that_does_not_answer_fails_within_the_deadline_naming_the_setting()
    {
        // Port 9 on loopback: nothing listens there, so the connection is refused.
        var settings = fixture.Settings with
        {
            StorageConnectionString = fixture.Storage.ConnectionString.Replace(new Uri(TableEndpoint(fixture.Storage.ConnectionString)).Authority, "127.0.0.1:9"),
        };

        var error = await Assert.ThrowsAsync<RdsConfigurationException>(() => StorageProbe.EnsureReachableAsync(settings, TimeSpan.FromSeconds(2)));

        Assert.Contains("did not answer", error.Message);
        Assert.Contains(RdsClusterSettings.ConnectionStringKey, error.Message);
    }

    [Fact]
    public async Task A_queue_service_that_does_not_answer_fails_naming_it_though_tables_answer()
    {
        var queueEndpoint = EndpointOf(fixture.Storage.ConnectionString, "QueueEndpoint");
        var settings = fixture.Settings with
        {
            StorageConnectionString = fixture.Storage.ConnectionString.Replace(queueEndpoint, queueEndpoint.Replace(new Uri(queueEndpoint).Authority, "127.0.0.1:9")),
        };

        var error = await Assert.ThrowsAsync<RdsConfigurationException>(() => StorageProbe.EnsureReachableAsync(settings, TimeSpan.FromSeconds(2)));

        Assert.Contains("queue service", error.Message);
        Assert.Contains(RdsClusterSettings.ConnectionStringKey, error.Message);
    }

    [Fact]
    public async Task Reachable_storage_passes_the_probe()
    {
        await StorageProbe.EnsureReachableAsync(fixture.Settings, TimeSpan.FromSeconds(10));
    }

    private static string TableEndpoint(string connectionString) => EndpointOf(connectionString, "TableEndpoint");

    private static string EndpointOf(string connectionString, string name) =>
        connectionString.Split(';').Single(part => part.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];
}
