using Rds.Attributes;
using Rds.Disclosure;
using Rds.Pivots;

namespace Rds.Gateway.Pivots;

/// <summary>
/// Pseudonyms in a pivot of a pseudonymised requestor: seeds given as pseudonyms are resolved within the request's
/// case, and every contact value the traversal reports goes out as its pseudonym, recorded before it is sent so it
/// can seed a later pivot of the same case. Without a key (a requestor served in clear) both are identity.
/// </summary>
internal sealed class PivotPseudonyms(IGrainFactory grains, PseudonymKey? key)
{
    private readonly HashSet<string> _recorded = new(StringComparer.Ordinal);

    public async Task<(PivotBody Body, IReadOnlyList<string> Unknown)> ResolveSeedsAsync(PivotBody body)
    {
        if (key is null || body.SeedAttributes is not { Length: > 0 } seeds)
            return (body, []);
        var unknown = new List<string>();
        var resolved = new List<PivotSeedAttribute>();
        foreach (var seed in seeds)
        {
            if (seed?.Value is not { } value || !Pseudonyms.LooksLikePseudonym(value))
            {
                resolved.Add(seed!);
                continue;
            }
            if (await grains.GetGrain<IPseudonymResolverGrain>(0).ResolveAsync(key, value.Trim().ToLowerInvariant()) is { } original)
                resolved.Add(seed with { Value = original.Value });
            else
                unknown.Add(value);
        }
        return (body with { SeedAttributes = [.. resolved] }, unknown);
    }

    /// <summary>The value as this requestor is shown it: its pseudonym, recorded first, where it has one.</summary>
    // Synchronous, without an allocation, where there is none: a pivot reports thousands of values.
    public ValueTask<AttributeValue> DisguiseAsync(AttributeValue value)
    {
        if (key is null || Pseudonyms.Of(key, value) is not { } pseudonym)
            return ValueTask.FromResult(value);
        return new ValueTask<AttributeValue>(RecordedAsync(value, pseudonym));
    }

    private async Task<AttributeValue> RecordedAsync(AttributeValue value, string pseudonym)
    {
        if (_recorded.Add(pseudonym))
            await grains.GetGrain<IPseudonymResolverGrain>(0).RecordAsync(key!, [new MintedPseudonym(pseudonym, value)]);
        return new AttributeValue(value.Kind, pseudonym);
    }
}
