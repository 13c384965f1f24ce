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
