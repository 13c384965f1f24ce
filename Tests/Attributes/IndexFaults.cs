using System.Collections.Concurrent;
using Rds.Attributes;

namespace Rds.Tests.Attributes;

/// <summary>
/// A silo call filter that fails index changes for chosen domains, standing in for a crash between a domain's
/// write and its index writes: the domain's state is stored, the index is not told.
/// </summary>
internal sealed class IndexFaults : IIncomingGrainCallFilter
{
    public static readonly ConcurrentDictionary<string, bool> FailingDomains = new(StringComparer.Ordinal);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod.Name == nameof(IAttributeGrain.ApplyAsync)
            && context.Request.GetArgument(1) is System.Collections.Immutable.ImmutableArray<MembershipChange> changes
            && changes.Any(change => FailingDomains.ContainsKey(change.Domain)))
            throw new InvalidOperationException("Injected failure of an index write.");
        return context.Invoke();
    }
}
