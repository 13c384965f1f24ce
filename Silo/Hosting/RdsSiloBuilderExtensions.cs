using Azure.Data.Tables;
using Azure.Storage.Queues;
using Orleans.Streams;
using Rds.Audit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Microsoft.Extensions.Options;
using Rds.Grains;
using Rds.Grains.Attributes;
using Rds.Grains.Audit;
using Rds.Grains.Disclosure;
using Rds.Grains.Requestors;
using Rds.Grains.Pivots;
using Rds.Hosting;

namespace Rds.Silo.Hosting;

/// <summary>The silo's storage wiring, shared by the silo host and the test clusters so both run the same configuration.</summary>
public static class RdsSiloBuilderExtensions
{
    public static ISiloBuilder AddRdsGrainStorage(this ISiloBuilder silo, RdsClusterSettings settings)
    {
        silo.Services.AddSingleton<StorageMetrics>();
        silo.Services.AddSingleton<AuditMetrics>();
        void GrainStateTable(string name) => silo.AddAzureTableGrainStorage(name, options => options.Configure<IServiceProvider>((table, services) =>
        {
            table.TableServiceClient = new TableServiceClient(settings.StorageConnectionString, Metered(services, "grain-state"));
            table.TableName = settings.GrainStateTable;
            // Orleans' binary format with [Id]-tagged members: compact and tolerant of added members.
            table.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
        }));
        silo.UseAzureTableReminderService(reminders =>
        {
            reminders.TableServiceClient = new TableServiceClient(settings.StorageConnectionString);
            reminders.TableName = settings.ReminderTable;
        });
        silo.Services.AddOptions<AuditRetentionOptions>().BindConfiguration("Audit")
            .Validate(retention => retention.RetentionDays is >= 1 and <= AuditRetentionOptions.MaxRetentionDays,
                $"'Audit:RetentionDays' must be from 1 to {AuditRetentionOptions.MaxRetentionDays} days.")
            .ValidateOnStart();
        GrainStateTable(StorageNames.Registry);
        if (settings.InMemoryRegistry)
        {
            // Orleans' binary format, as in the table: the default JSON takes several times the memory per record.
            silo.AddMemoryGrainStorage(StorageNames.Domains, options => options.Configure<IServiceProvider>((memory, services) =>
                memory.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>())));
            silo.Services.AddInMemoryAttributeIndex();
        }
        else
        {
            GrainStateTable(StorageNames.Domains);
            silo.Services.AddAttributeIndexTable(services => new AttributeIndexTable(new TableClient(settings.StorageConnectionString,
                services.GetRequiredService<IOptions<AttributeIndexOptions>>().Value.TableName, Metered(services, "attribute-index"))));
        }
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<ActiveDomainAttributes>();
        silo.Services.AddSingleton<ActiveAttributeMembers>();
        silo.Services.AddOptions<AttributeIndexOptions>().Configure(index => index.TableName = settings.AttributeIndexTable);
        silo.Services.AddSingleton(services => new AuditTable(new TableClient(settings.StorageConnectionString, settings.AuditTable, Metered(services, "audit"))));
        silo.Services.AddSingleton(services => new PseudonymTable(new TableClient(settings.StorageConnectionString, settings.PseudonymTable, Metered(services, "pseudonyms"))));
        silo.Services.AddSingleton(MasterKeyOf(settings));
        silo.Services.AddOptions<AbuseWatchOptions>().BindConfiguration("AbuseWatch");
        return silo;
    }

    private static TableClientOptions Metered(IServiceProvider services, string role) =>
        services.GetRequiredService<StorageMetrics>().ClientOptions(role);

    /// <summary>
    /// The audit stream: Azure Queue storage, implicit subscriptions only (each requestor's log grain consumes its own
    /// stream, so no pub-sub state is kept). Delivery is retried for as long as storage is down rather than skipped:
    /// an audit record is never given up.
    /// </summary>
    public static ISiloBuilder AddRdsAuditStreams(this ISiloBuilder silo, RdsClusterSettings settings, TimeSpan? pollInterval = null)
    {
        silo.AddAzureQueueStreams(AuditStreams.Provider, configurator =>
        {
            configurator.ConfigureAzureQueue(queue => queue.Configure(options =>
            {
                options.QueueServiceClient = new QueueServiceClient(settings.StorageConnectionString);
                options.QueueNames = [.. settings.AuditQueueNames];
                options.MessageVisibilityTimeout = settings.AuditRedeliveryAfter;
            }));
            configurator.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            configurator.ConfigurePullingAgent(agent => agent.Configure(options =>
            {
                options.MaxEventDeliveryTime = TimeSpan.FromDays(1);
                if (pollInterval is { } interval)
                    options.GetQueueMsgsTimerPeriod = interval;
            }));
        });
        return silo;
    }

    private static PseudonymMasterKey MasterKeyOf(RdsClusterSettings settings)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(settings.PseudonymMasterKey ?? "");
        }
        catch (FormatException)
        {
            key = [];
        }
        if (key.Length < PseudonymMasterKey.MinimumBytes)
            throw new RdsConfigurationException(
                $"The pseudonym master key is not set or too short: set '{RdsClusterSettings.PseudonymKeyKey}' (environment Pseudonyms__MasterKey) or {RdsClusterSettings.PseudonymKeyEnvironmentVariable} to at least {PseudonymMasterKey.MinimumBytes} random bytes in base64.");
        return new PseudonymMasterKey(key, settings.PseudonymKeyVersion);
    }

    public static ISiloBuilder UseRdsClustering(this ISiloBuilder silo, RdsClusterSettings settings)
    {
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = settings.ClusterId;
            cluster.ServiceId = settings.ServiceId;
        });
        return silo.UseAzureStorageClustering(options =>
        {
            options.TableServiceClient = new TableServiceClient(settings.StorageConnectionString);
            options.TableName = settings.MembershipTable;
        });
    }
}
