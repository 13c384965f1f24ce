using System.Reflection;
using System.Runtime.ExceptionServices;
using Azure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Rds.Audit;

namespace Rds.Tests.Gateway;

/// <summary>
/// A grain factory whose every grain call fails as a cluster that does not answer would (Orleans raises
/// <see cref="TimeoutException"/> when a call outlives its response timeout), to test what the gateway answers. Its audit
/// stream's writes fail the same way.
/// </summary>
public class UnreachableCluster : DispatchProxy
{
    private static readonly MethodInfo FromException = typeof(Task).GetMethods()
        .Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition);

    private Func<Exception> _failure = () => new TimeoutException("Response did not arrive on time.");
    private IServiceProvider? _services;

    /// <summary>A cluster client whose grain calls and stream writes fail with what <paramref name="failure"/> makes (a timeout by default).</summary>
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
        // The client's services are where the gateway finds its audit stream.
        if (IsServiceProvider(method))
            return _services ??= FailingAuditStreams(_failure);
        var failure = _failure();
        if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
            return FromException.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(null, [failure]);
        if (method.ReturnType == typeof(Task))
            return Task.FromException(failure);
        throw new NotSupportedException(method.Name);
    }

    /// <summary>What Orleans' Azure queue adapter throws when the queue answered 503 even after the storage client's retries.</summary>
    public static Exception QueueUnavailable() => new AggregateException("Error doing AddQueueMessage for Azure storage queue",
        new RequestFailedException(503, "The queue service is unavailable."));

    internal static bool IsServiceProvider(MethodInfo method) =>
        method.DeclaringType == typeof(IClusterClient) && method.Name == "get_" + nameof(IClusterClient.ServiceProvider);

    /// <summary>Client services whose audit stream's writes fail with what <paramref name="failure"/> makes.</summary>
    internal static IServiceProvider FailingAuditStreams(Func<Exception> failure) =>
        new ServiceCollection().AddKeyedSingleton<IStreamProvider>(AuditStreams.Provider, new UnreachableStreams(failure)).BuildServiceProvider();

    private sealed class UnreachableStreams(Func<Exception> failure) : IStreamProvider
    {
        public string Name => AuditStreams.Provider;

        public bool IsRewindable => false;

        public IAsyncStream<T> GetStream<T>(StreamId streamId)
        {
            var stream = Create<IAsyncStream<T>, UnreachableCluster>();
            ((UnreachableCluster)(object)stream)._failure = failure;
            return stream;
        }
    }
}

/// <summary>
/// A cluster client that forwards every grain call to a real one, but whose audit stream's writes fail: the cluster
/// answers, the audit's storage does not.
/// </summary>
public class ClusterWithFailingAudit : DispatchProxy
{
    private IClusterClient _cluster = null!;
    private IServiceProvider _services = null!;

    public static IClusterClient Create(IClusterClient cluster, Func<Exception> failure)
    {
        var client = Create<IClusterClient, ClusterWithFailingAudit>();
        var proxy = (ClusterWithFailingAudit)(object)client;
        proxy._cluster = cluster;
        proxy._services = UnreachableCluster.FailingAuditStreams(failure);
        return client;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (UnreachableCluster.IsServiceProvider(method!))
            return _services;
        try
        {
            return method!.Invoke(_cluster, args);
        }
        catch (TargetInvocationException thrown)
        {
            ExceptionDispatchInfo.Throw(thrown.InnerException!);
            throw;
        }
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
