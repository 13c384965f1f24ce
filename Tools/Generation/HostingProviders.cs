using System.Collections.Immutable;
using System.Globalization;
using Rds.Registrations;

namespace Rds.Tools.Generation;

/// <summary>
/// DNS hosting: three big providers serve about half of all domains, a long tail of small ones the rest, and
/// some domains run their own in-zone nameservers with glue. Provider nameserver sets are cached: the pool is
/// small (a few thousand for a million domains).
/// </summary>
internal sealed class HostingProviders
{
    /// <summary>Shares of all provider-hosted domains held by the three big providers (about half together).</summary>
    private static readonly double[] BigProviderShares = [0.24, 0.17, 0.13];

    private static readonly (string Host, string Zone, int Count)[] BigProviders =
    [
        ("ns", "cloudhost.example", 4),
        ("ns-", "webfarm.test", 3),
        ("dns", "parking-registrar.example", 2),
    ];

    private readonly ulong seed;
    private readonly int tailSize;
    private readonly Dictionary<int, ImmutableArray<Nameserver>> cache = [];

    public HostingProviders(ulong seed, long domainCount)
    {
        this.seed = seed;
        tailSize = (int)Math.Clamp(domainCount / 150, 20, 100_000);
    }

    public int PickProvider(SplitMix64 random)
    {
        var draw = random.NextDouble();
        for (var index = 0; index < BigProviderShares.Length; index++)
        {
            if (draw < BigProviderShares[index])
            {
                return index;
            }

            draw -= BigProviderShares[index];
        }

        return BigProviders.Length + random.Skewed(tailSize, 3);
    }

    public ImmutableArray<Nameserver> Nameservers(int provider)
    {
        if (!cache.TryGetValue(provider, out var nameservers))
        {
            nameservers = provider < BigProviders.Length ? BigProvider(provider) : TailProvider(provider);
            cache[provider] = nameservers;
        }

        return nameservers;
    }

    /// <summary>ns1/ns2 inside the domain itself, which needs glue: IPv4 always, IPv6 for half.</summary>
    public static ImmutableArray<Nameserver> SelfHosted(string domainName, SplitMix64 random)
    {
        var withIpv6 = random.Chance(0.5);
        var network = random.NextUInt64();
        return [.. Enumerable.Range(1, 2).Select(number => new Nameserver
        {
            Name = $"ns{number}.{domainName}",
            Ipv4 = [DocumentationAddresses.Ipv4(random.NextUInt64())],
            Ipv6 = withIpv6 ? [DocumentationAddresses.Ipv6(network, (ushort)number)] : [],
        })];
    }

    private ImmutableArray<Nameserver> BigProvider(int provider)
    {
        var (host, zone, count) = BigProviders[provider];
        var random = SplitMix64.Derive(seed, GenerationStreams.Providers, (ulong)provider);
        var network = random.NextUInt64();
        return [.. Enumerable.Range(0, count).Select(index => new Nameserver
        {
            Name = host == "ns-" ? $"ns-{(char)('a' + index)}.{zone}" : $"{host}{index + 1}.{zone}",
            Ipv4 = [DocumentationAddresses.Ipv4(random.NextUInt64())],
            Ipv6 = [DocumentationAddresses.Ipv6(network, (ushort)(0x53 + index))],
        })];
    }

    private ImmutableArray<Nameserver> TailProvider(int provider)
    {
        var random = SplitMix64.Derive(seed, GenerationStreams.Providers, (ulong)provider);
        var zone = $"{random.Pick(Vocabulary.Nouns)}{provider.ToString(CultureInfo.InvariantCulture)}-hosting.{random.Pick(DomainNamer.Tlds)}";
        var withIpv6 = random.Chance(0.4);
        var network = random.NextUInt64();
        return [.. Enumerable.Range(1, 2).Select(number => new Nameserver
        {
            Name = $"ns{number}.{zone}",
            Ipv4 = [DocumentationAddresses.Ipv4(random.NextUInt64())],
            Ipv6 = withIpv6 ? [DocumentationAddresses.Ipv6(network, (ushort)number)] : [],
        })];
    }
}
