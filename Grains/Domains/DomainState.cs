using System.Collections.Immutable;
using Rds.Attributes;
using Rds.Registrations;

namespace Rds.Grains.Domains;

/// <summary>What a domain grain remembers.</summary>
[GenerateSerializer, Alias("rds.DomainState")]
public sealed record DomainState
{
    /// <summary>The current registration; null when never registered or deleted.</summary>
    [Id(0)] public RegistrationRecord? Record { get; init; }

    /// <summary>When the registration was deleted: a tombstone, so a late, older upsert cannot resurrect it.</summary>
    [Id(1)] public DateTimeOffset? DeletedAt { get; init; }

    /// <summary>When this state was last written ("last update of RDAP database").</summary>
    [Id(2)] public DateTimeOffset StoredAt { get; init; }

    /// <summary>
    /// The outbox of the attribute index, written in the same state write as the change: true until the index is
    /// known to hold this state, so a crash between this write and the index writes is repaired on reactivation.
    /// </summary>
    [Id(3)] public bool IndexPending { get; init; }

    /// <summary>Attributes the domain left and whose indexes may still list it.</summary>
    [Id(4)] public ImmutableArray<AttributeValue> StaleAttributes { get; init; } = [];
}
