using Orleans.Concurrency;
using Rds.Attributes;
using Rds.Disclosure;

namespace Rds.Grains.Disclosure;

[StatelessWorker]
internal sealed class PseudonymResolverGrain(PseudonymTable table) : Grain, IPseudonymResolverGrain
{
    Task<AttributeValue?> IPseudonymResolverGrain.ResolveAsync(string scope, string pseudonym) => table.ResolveAsync(scope, pseudonym);

    Task IPseudonymResolverGrain.RecordAsync(string scope, IReadOnlyList<MintedPseudonym> minted) => table.RecordAsync(scope, [.. minted]);
}
