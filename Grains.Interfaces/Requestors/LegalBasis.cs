namespace Rds.Requestors;

/// <summary>The lawful basis of processing a request relies on: GDPR Article 6(1), points (a) to (f).</summary>
public enum LegalBasis
{
    Consent,
    Contract,
    LegalObligation,
    VitalInterests,
    PublicTask,
    LegitimateInterests,
}
