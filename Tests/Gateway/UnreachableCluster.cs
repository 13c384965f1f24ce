using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Rds.Tests.Gateway;

/// <summary>
/// A grain factory whose every grain call fails as a cluster that does not answer would (Orleans raises
/// <see cref="TimeoutException"/> when a call outlives its response timeout), to test what the gateway answers.
/// </summary>
public class UnreachableCluster : DispatchProxy
{
    private static readonly MethodInfo FromException = typeof(Task).GetMethods()
        .Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition);

    private Func<Exception> _failure = () => new TimeoutException("Response did not arrive on time.");

    /// <summary>A cluster client whose grain calls fail with what <paramref name="failure"/> makes (a timeout by default).</summary>
    public static IClusterClient Create(Func<Exception>? failure = null)
    {
        var client = Create<IClusterClient, UnreachableCluster>();
        if (failure is not null)
            ((UnreachableCluster)(object)client)._failure = failure;
        return client;
    }


    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method!.DeclaringType == typeof(IGrainFactory) && method.Name == nameof(IGrainFactory.GetGrain) && method.IsGenericMethod)
        {
            var create = typeof(DispatchProxy).GetMethod(nameof(Create), BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)!
                .MakeGenericMethod(method.GetGenericArguments()[0], typeof(UnreachableCluster));
            var grain = create.Invoke(null, null)!;
            ((UnreachableCluster)grain)._failure = _failure;
            return grain;
        }
        var failure = _failure();
        if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
            return FromException.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(null, [failure]);
        if (method.ReturnType == typeof(Task))
            return Task.FromException(failure);
        throw new NotSupportedException(method.Name);
    }
}

public static class UnreachableClusterRegistration
{
    /// <summary>Registers an unreachable cluster as the gateway's grain factory and cluster client.</summary>
    public static IServiceCollection AddUnreachableCluster(this IServiceCollection services, Func<Exception>? failure = null)
    {
        var client = UnreachableCluster.Create(failure);
        return services.AddSingleton(client).AddSingleton<IGrainFactory>(client);
    }
}
