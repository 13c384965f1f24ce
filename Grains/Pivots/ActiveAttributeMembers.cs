using Rds.Grains.Attributes;

namespace Rds.Grains.Pivots;

/// <summary>
/// What the attribute grains active in this silo that a pivot has expanded would answer to the next expansion, by
/// attribute key: with it, a pivot on one silo reaches attributes without a message each.
/// </summary>
public sealed class ActiveAttributeMembers : ActivePublications<PublishedMembers>;
