namespace Rds.Requestors;

/// <summary>What kind of accredited body a requestor is.</summary>
public enum RequestorKind
{
    Cert,
    Csirt,
    SecurityVendor,
    LawEnforcement,
    Researcher,
}
