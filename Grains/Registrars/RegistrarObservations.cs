using Rds.Registrations;

namespace Rds.Grains.Registrars;

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
