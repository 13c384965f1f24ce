using Orleans.Concurrency;
using Rds.Attributes;
using Rds.Disclosure;

namespace Rds.Grains.Disclosure;

[StatelessWorker]
internal sealed class PseudonymResolverGrain(PseudonymTable table) : Grain, IPseudonymResolverGrain
{
    Task<AttributeValue?> IPseudonymResolverGrain.ResolveAsync(PseudonymKey key, string pseudonym) => table.ResolveAsync(key, pseudonym);

    Task IPseudonymResolverGrain.RecordAsync(PseudonymKey key, IReadOnlyList<MintedPseudonym> minted) => table.RecordAsync(key, [.. minted]);
}
