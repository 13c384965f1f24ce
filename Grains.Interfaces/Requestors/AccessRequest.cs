using System.Collections.Immutable;
using Rds.Disclosure;

namespace Rds.Requestors;

/// <summary>What every disclosure request states: why, on what legal basis, in which case, on what evidence, and which non-public elements it needs.</summary>
[GenerateSerializer, Immutable, Alias("rds.AccessRequest")]
public sealed record AccessRequest
{
    [Id(0)] public required RdapPurpose Purpose { get; init; }

    [Id(1)] public required LegalBasis LegalBasis { get; init; }

    /// <summary>The requestor's investigation this request belongs to.</summary>
    [Id(2)] public required string CaseId { get; init; }

    [Id(3)] public required string Justification { get; init; }

    /// <summary>References to the evidence of abuse the justification rests on (URLs, ticket or report ids).</summary>
    [Id(4)] public required ImmutableArray<string> Evidence { get; init; }

    /// <summary>The non-public elements needed; empty for the public view.</summary>
    [Id(5)] public required ImmutableHashSet<DataElement> Elements { get; init; }

    [Id(6)] public required string AgreementVersion { get; init; }
}
