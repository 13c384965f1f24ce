using System.Collections.Immutable;
using Rds.Attributes;
using Rds.Disclosure;
using Rds.Pivots;
using Rds.Registrations;

namespace Rds.Gateway.Pivots;

/// <summary>
/// Validates a pivot body into a <see cref="PivotRequest"/>, collecting every problem. A kind may be followed only
/// where the disclosure rule shows its values to this request: following an email, phone or registry ID that a
/// lookup withholds would reveal the same personal links by another road.
/// </summary>
internal static class PivotRequestParser
{

    public static (PivotRequest? Request, IReadOnlyList<string> Errors, IReadOnlyList<string> Forbidden) Parse(PivotBody body, DisclosureRequest disclosure)
    {
        var errors = new List<string>();
        var forbidden = new List<string>();

        var seeds = new List<string>();
        foreach (var seed in body.SeedDomains ?? [])
        {
            var name = DomainNames.Normalize(seed);
            if (name.IsValid)
                seeds.Add(name.ALabel);
            else
                errors.Add($"seedDomains: '{Rdap.RdapEndpoints.Printable(seed)}': {name.Error}");
        }

        var seedAttributes = new List<AttributeValue>();
        foreach (var seed in body.SeedAttributes ?? [])
        {
            if (!Enum.TryParse<AttributeKind>(seed?.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                errors.Add($"seedAttributes: unknown kind '{Rdap.RdapEndpoints.Printable(seed?.Kind)}'; kinds are {string.Join(", ", Enum.GetNames<AttributeKind>())}.");
            else if (!disclosure.Discloses(kind))
                forbidden.Add($"seedAttributes: {kind}");
            else if (AttributeNormalizer.TryNormalize(kind, seed!.Value, out var value, out var error))
                seedAttributes.Add(value);
            else
                errors.Add($"seedAttributes: {error}");
        }
        if (seeds.Count + seedAttributes.Count == 0 && errors.Count == 0 && forbidden.Count == 0)
            errors.Add("Give at least one seed in seedDomains or seedAttributes.");
        if (seeds.Count + seedAttributes.Count > PivotRequest.MaxSeeds)
            errors.Add($"At most {PivotRequest.MaxSeeds} seeds.");

        var follow = ImmutableHashSet.CreateBuilder<AttributeKind>();
        foreach (var name in body.Follow ?? [])
        {
            if (!Enum.TryParse<AttributeKind>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                errors.Add($"follow: unknown kind '{Rdap.RdapEndpoints.Printable(name)}'; kinds are {string.Join(", ", Enum.GetNames<AttributeKind>())}.");
            else if (!disclosure.Discloses(kind))
                forbidden.Add($"follow: {kind}");
            else
                follow.Add(kind);
        }
        if (follow.Count == 0 && errors.Count == 0 && forbidden.Count == 0)
            errors.Add("follow: name at least one attribute kind to follow.");

        var depth = Bounded(body.MaxDepth, 2, 1, PivotRequest.MaxDepthLimit, "maxDepth", errors);
        var domains = Bounded(body.MaxDomains, 1_000, 1, PivotRequest.MaxDomainsLimit, "maxDomains", errors);
        var cap = Bounded(body.FanOutCap, 500, 1, PivotRequest.MaxFanOutCap, "fanOutCap", errors);

        if (errors.Count > 0 || forbidden.Count > 0)
            return (null, errors, forbidden);
        return (new PivotRequest
        {
            SeedDomains = [.. seeds],
            SeedAttributes = [.. seedAttributes],
            Follow = follow.ToImmutable(),
            MaxDepth = depth,
            MaxDomains = domains,
            FanOutCap = cap,
        }, errors, forbidden);
    }

    private static int Bounded(int? value, int fallback, int min, int max, string field, List<string> errors)
    {
        var chosen = value ?? fallback;
        if (chosen < min || chosen > max)
            errors.Add($"{field}: must be from {min} to {max}; it is {chosen}.");
        return chosen;
    }
}
