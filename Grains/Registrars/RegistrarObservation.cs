using Rds.Registrations;

namespace Rds.Grains.Registrars;

/// <summary>What a registrar grain does with the details of one stored record.</summary>
internal enum RegistrarObservation
{
    /// <summary>Older than what is held, or the same version again: nothing to do.</summary>
    Ignore,

    /// <summary>The same details in a newer record: only the date moves, so it is not worth a write of its own.</summary>
    Advance,

    /// <summary>Different details in a newer record: they replace the held ones.</summary>
    Replace,
}

/// <summary>
/// The ordering rule for registrar details: every record of a registrar's domains carries them, in any arrival order,
/// so the record's updatedDate decides (as for the records themselves), never arrival.
/// </summary>
internal static class RegistrarObservations
{
    public static RegistrarObservation Decide(RegistrarState current, Registrar incoming, DateTimeOffset asOf)
    {
        if (current.Registrar is not { } held)
            return RegistrarObservation.Replace;
        if (asOf <= current.AsOf)
            return RegistrarObservation.Ignore;
        return held == incoming ? RegistrarObservation.Advance : RegistrarObservation.Replace;
    }
}
