using System.Collections.Immutable;
using Rds.Attributes;

namespace Rds.Grains.Pivots;

/// <summary>
/// The attribute values of the domain grains active in this silo that a pivot has asked, by domain name: most of a
/// pivot's calls would otherwise be one per domain reached.
/// </summary>
public sealed class ActiveDomainAttributes : ActivePublications<ImmutableArray<AttributeValue>>;
