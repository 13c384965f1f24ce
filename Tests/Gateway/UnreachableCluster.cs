using System.Reflection;

namespace Rds.Tests.Gateway;

/// <summary>
/// A grain factory whose every grain call fails as a cluster that does not answer would (Orleans raises
/// <see cref="TimeoutException"/> when a call outlives its response timeout), to test what the gateway answers.
/// </summary>
public class UnreachableCluster : DispatchProxy
{
    private static readonly MethodInfo FromException = typeof(Task).GetMethods()
        .Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition);

    public static IGrainFactory Create() => Create<IGrainFactory, UnreachableCluster>();

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method!.DeclaringType == typeof(IGrainFactory) && method.Name == nameof(IGrainFactory.GetGrain) && method.IsGenericMethod)
        {
            var create = typeof(DispatchProxy).GetMethod(nameof(Create), BindingFlags.Public | BindingFlags.Static, Type.EmptyTypes)!
                .MakeGenericMethod(method.GetGenericArguments()[0], typeof(UnreachableCluster));
            return create.Invoke(null, null);
        }
        var failure = new TimeoutException("Response did not arrive on time.");
        if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
            return FromException.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(null, [failure]);
        if (method.ReturnType == typeof(Task))
            return Task.FromException(failure);
        throw new NotSupportedException(method.Name);
    }
}
