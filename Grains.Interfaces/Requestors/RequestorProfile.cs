using System.Collections.Immutable;
using Rds.Disclosure;

namespace Rds.Requestors;

/// <summary>An accredited requestor as an operator registers it: who it is, until when, and what it may ask for why.</summary>
[GenerateSerializer, Immutable, Alias("rds.RequestorProfile")]
public sealed record RequestorProfile
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public required RequestorKind Kind { get; init; }

    [Id(2)] public required string AccreditingBody { get; init; }

    /// <summary>The accreditation ends here; after it every request is refused until an operator renews it.</summary>
    [Id(3)] public required DateTimeOffset AccreditedUntil { get; init; }

    /// <summary>The purposes it may state, each with the non-public elements it may receive for that purpose.</summary>
    [Id(4)] public required ImmutableDictionary<RdapPurpose, ImmutableHashSet<DataElement>> Purposes { get; init; }

    [Id(5)] public RequestorQuotas Quotas { get; init; } = RequestorQuotas.Default;

    /// <summary>Whether the contact data it may receive is replaced by keyed pseudonyms (the default) rather than disclosed in clear.</summary>
    [Id(6)] public bool Pseudonymised { get; init; } = true;
}
