using System.Collections.Immutable;
using Rds.Registrations;

namespace Rds.Disclosure;

/// <summary>
/// A registration record shaped for one request: withheld values are gone (null or empty) before they leave
/// the silo, and every withheld element is listed with its method.
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.DisclosedRegistration")]
public sealed record DisclosedRegistration
{
    [Id(0)] public required RegistrationRecord Record { get; init; }

    [Id(1)] public ImmutableArray<Redaction> Redactions { get; init; } = [];

    /// <summary>When this record was last written to the database ("last update of RDAP database").</summary>
    [Id(2)] public required DateTimeOffset DatabaseUpdatedAt { get; init; }

    /// <summary>
    /// Pseudonyms of pivotable values this shaping handed out, for the case's directory. They hold the values, so the
    /// member has no [Id]: Orleans does not serialise it, and it never leaves the silo that shaped the record.
    /// </summary>
    [field: NonSerialized] public ImmutableArray<MintedPseudonym> Minted { get; init; } = [];
}
