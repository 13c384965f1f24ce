using Rds.Domains;
using Rds.Registrations;

namespace Rds.Grains.Domains;

/// <summary>The ordering rules for pushed changes: the registry's Updated Date decides, never arrival order.</summary>
internal static class DomainVersioning
{
    public static UpsertOutcome DecideUpsert(DomainState current, RegistrationRecord incoming)
    {
        if (current.Record is { } stored)
        {
            if (incoming.UpdatedDate < stored.UpdatedDate)
                return UpsertOutcome.Stale;
            if (incoming.UpdatedDate == stored.UpdatedDate)
                return SameContent(stored, incoming) ? UpsertOutcome.Unchanged : UpsertOutcome.Conflict;
            return UpsertOutcome.Stored;
        }
        return current.DeletedAt is { } deletedAt && incoming.UpdatedDate <= deletedAt ? UpsertOutcome.Stale : UpsertOutcome.Stored;
    }

    public static DeleteOutcome DecideDelete(DomainState current, DateTimeOffset deletedAt)
    {
        if (current.Record is not { } stored)
            return DeleteOutcome.NotFound;
        return deletedAt < stored.UpdatedDate ? DeleteOutcome.Stale : DeleteOutcome.Deleted;
    }

    // Records hold arrays, whose equality is by reference; their canonical JSON compares by content.
    private static bool SameContent(RegistrationRecord a, RegistrationRecord b) =>
        RegistrationJson.Serialize(a) == RegistrationJson.Serialize(b);
}
