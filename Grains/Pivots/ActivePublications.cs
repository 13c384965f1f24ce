using System.Collections.Concurrent;

namespace Rds.Grains.Pivots;

/// <summary>
/// Answers that grains active in this silo publish so that pivots read them here instead of sending one message per
/// grain. An entry says what its grain would answer: the grain replaces or withdraws it in the same turn as its state
/// changes, and it counts only until the activation that published it ends. A key without an entry (its grain on
/// another silo, or not asked yet) is asked by a call. Values may be personal data: like the calls' answers, they
/// stay in the silo.
/// </summary>
public abstract class ActivePublications<TValue>
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>
    /// Records <paramref name="value"/> for <paramref name="key"/>, for the activation whose end
    /// <paramref name="activationEnded"/> signals (the grain's <see cref="IGrainContext.Deactivated"/>).
    /// </summary>
    public void Publish(string key, TValue value, Task activationEnded)
    {
        var entry = new Entry(value, activationEnded);
        var replaced = _entries.TryGetValue(key, out var previous) && previous.ActivationEnded == activationEnded;
        _entries[key] = entry;
        // TryGet ignores an entry once its activation has ended; this frees it. One per activation: a grain that
        // republishes on every change does not pile up continuations.
        if (!replaced)
            _ = activationEnded.ContinueWith(_ => Forget(key, activationEnded), TaskScheduler.Default);
    }

    /// <summary>Forgets <paramref name="key"/>'s value: its grain's state is changing.</summary>
    public void Withdraw(string key) => _entries.TryRemove(key, out _);

    /// <summary>What the grain of <paramref name="key"/> would answer, when it is active here and has published it.</summary>
    public bool TryGet(string key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry) && !entry.ActivationEnded.IsCompleted)
        {
            value = entry.Value;
            return true;
        }
        value = default!;
        return false;
    }

    private void Forget(string key, Task activationEnded)
    {
        if (_entries.TryGetValue(key, out var current) && current.ActivationEnded == activationEnded)
            _entries.TryRemove(KeyValuePair.Create(key, current));
    }

    private sealed class Entry(TValue value, Task activationEnded)
    {
        public TValue Value { get; } = value;

        public Task ActivationEnded { get; } = activationEnded;
    }
}
