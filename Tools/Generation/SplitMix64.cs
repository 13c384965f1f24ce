namespace Rds.Tools.Generation;

/// <summary>
/// A small seeded generator (SplitMix64) whose sequence is fixed forever: <see cref="Random"/> may change its
/// algorithm between runtimes, and the synthetic registry must be byte-identical for a seed on any machine.
/// Only integer arithmetic and exact double multiplications are used, never libm functions whose last bit
/// may differ across platforms.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private const ulong Golden = 0x9E3779B97F4A7C15;

    private ulong state = seed;

    /// <summary>A generator for one keyed sub-stream (e.g. contact number k), independent of the main sequence.</summary>
    public static SplitMix64 Derive(ulong seed, ulong stream, ulong index) =>
        new(Mix(Mix(seed ^ (stream * Golden)) + index));

    public static ulong Mix(ulong value)
    {
        var z = value + Golden;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        state += Golden;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, maxExclusive) by multiply-shift, which has no modulo bias worth mentioning at these sizes.</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    public long NextLong(long maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (long)(NextUInt64() % (ulong)maxExclusive);
    }

    public int Between(int minInclusive, int maxInclusive) => minInclusive + Next(maxInclusive - minInclusive + 1);

    /// <summary>Uniform in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An index in [0, size) skewed towards 0: u^power, so small indices (big providers, busy companies) recur.</summary>
    public int Skewed(int size, int power)
    {
        var u = NextDouble();
        var skewed = u;
        for (var i = 1; i < power; i++)
        {
            skewed *= u;
        }

        return Math.Min(size - 1, (int)(skewed * size));
    }

    /// <summary>An index chosen with the given cumulative weights (ascending, last one is the total).</summary>
    public int PickWeighted(IReadOnlyList<double> cumulativeWeights)
    {
        var target = NextDouble() * cumulativeWeights[^1];
        for (var i = 0; i < cumulativeWeights.Count; i++)
        {
            if (target < cumulativeWeights[i])
            {
                return i;
            }
        }

        return cumulativeWeights.Count - 1;
    }
}
