using Azure.Data.Tables;
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
        void GrainStateTable(string name) => silo.AddAzureTableGrainStorage(name, options => options.Configure<IServiceProvider>((table, services) =>
        {
            table.TableServiceClient = new TableServiceClient(settings.StorageConnectionString);
            table.TableName = settings.GrainStateTable;
            // Orleans' binary format with [Id]-tagged members: compact and tolerant of added members.
            table.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
        }));
        GrainStateTable(StorageNames.Registry);
        if (settings.InMemoryRegistry)
        {
            silo.AddMemoryGrainStorage(StorageNames.Domains);
            silo.Services.AddInMemoryAttributeIndex();
        }
        else
        {
            GrainStateTable(StorageNames.Domains);
            silo.Services.AddAttributeIndexTable(services => new AttributeIndexTable(
                new TableClient(settings.StorageConnectionString, services.GetRequiredService<IOptions<AttributeIndexOptions>>().Value.TableName)));
        }
        silo.Services.AddSingleton(TimeProvider.System);
        silo.Services.AddSingleton<ActiveDomainAttributes>();
        silo.Services.AddSingleton<ActiveAttributeMembers>();
        silo.Services.AddOptions<AttributeIndexOptions>().Configure(index => index.TableName = settings.AttributeIndexTable);
        silo.Services.AddSingleton(new AuditTable(new TableClient(settings.StorageConnectionString, settings.AuditTable)));
        silo.Services.AddSingleton(new PseudonymTable(new TableClient(settings.StorageConnectionString, settings.PseudonymTable)));
        silo.Services.AddSingleton(MasterKeyOf(settings));
        silo.Services.AddOptions<AbuseWatchOptions>().BindConfiguration("AbuseWatch");
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
