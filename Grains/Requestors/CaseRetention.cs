namespace Rds.Grains.Requestors;

/// <summary>
/// The end of a case: closing erases its key salt, so its pseudonyms can no longer be computed or resolved; the end
/// of its retention does that too and purges its data, keeping only what identifies it for the audit records that
/// name it.
/// </summary>
internal static class CaseRetention
{
    public static CaseState Closed(CaseState investigation, DateTimeOffset at) =>
        new() { Case = investigation.Case with { ClosedAt = investigation.Case.ClosedAt ?? at }, KeySalt = null };

    public static CaseState Purged(CaseState investigation)
    {
        var closed = Closed(investigation, investigation.Case.RetainedUntil);
        return closed with { Case = closed.Case with { Evidence = [] } };
    }

    /// <summary>Whether the case still holds something its retention's end must remove.</summary>
    public static bool AwaitsEnd(CaseState investigation) => investigation.KeySalt is not null || !investigation.Case.Evidence.IsEmpty;

    public static CaseState[] Expired(IEnumerable<CaseState> cases, DateTimeOffset now) =>
        [.. cases.Where(investigation => AwaitsEnd(investigation) && investigation.Case.RetainedUntil <= now)];
}
