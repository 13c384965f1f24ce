using Microsoft.Extensions.DependencyInjection;

namespace Rds.Grains.Attributes;

/// <summary>Registers where the attribute index lives, for the hosts that wire a silo.</summary>
public static class AttributeIndexServices
{
    public static IServiceCollection AddAttributeIndexTable(this IServiceCollection services, Func<IServiceProvider, AttributeIndexTable> create) =>
        services.AddSingleton<IAttributeIndexStore>(create);

    /// <summary>The index in the silo's memory: for benchmarks only (see <see cref="InMemoryAttributeIndexStore"/>).</summary>
    public static IServiceCollection AddInMemoryAttributeIndex(this IServiceCollection services) =>
        services.AddSingleton<IAttributeIndexStore>(new InMemoryAttributeIndexStore());
}
