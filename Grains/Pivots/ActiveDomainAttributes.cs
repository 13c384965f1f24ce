using System.Collections.Concurrent;
using System.Collections.Immutable;
using Rds.Attributes;

namespace Rds.Grains.Pivots;

/// <summary>
/// The attribute values of the domain grains active in this silo that a pivot has asked, published by those grains,
/// so that later pivots read them here instead of sending one message per domain (most of a pivot's calls). An entry
/// says what its grain would answer: the grain withdraws it in the same turn as its record changes, and it counts
/// only until the activation that published it ends. A domain without an entry (its grain on another silo, or not
/// asked yet) is asked by a call as before. Values may be personal data: like the calls' answers, they stay in the silo.
/// </summary>
public sealed class ActiveDomainAttributes
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>
    /// Records the values of <paramref name="domain"/>'s current record for the activation whose end
    /// <paramref name="activationEnded"/> signals (the grain's <see cref="IGrainContext.Deactivated"/>).
    /// </summary>
    public void Publish(string domain, ImmutableArray<AttributeValue> values, Task activationEnded)
    {
        var entry = new Entry(values, activationEnded);
        _entries[domain] = entry;
        // TryGet ignores the entry once the activation has ended; this frees it.
        _ = activationEnded.ContinueWith(_ => _entries.TryRemove(KeyValuePair.Create(domain, entry)), TaskScheduler.Default);
    }

    /// <summary>Forgets <paramref name="domain"/>'s values: its record is changing.</summary>
    public void Withdraw(string domain) => _entries.TryRemove(domain, out _);

    /// <summary>The values the grain of <paramref name="domain"/> would answer, when it is active here and has published them.</summary>
    public bool TryGet(string domain, out ImmutableArray<AttributeValue> values)
    {
        if (_entries.TryGetValue(domain, out var entry) && !entry.ActivationEnded.IsCompleted)
        {
            values = entry.Values;
            return true;
        }
        values = default;
        return false;
    }

    private sealed class Entry(ImmutableArray<AttributeValue> values, Task activationEnded)
    {
        public ImmutableArray<AttributeValue> Values { get; } = values;

        public Task ActivationEnded { get; } = activationEnded;
    }
}
