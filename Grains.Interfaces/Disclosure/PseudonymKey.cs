namespace Rds.Disclosure;

/// <summary>
/// The key that pseudonymises one requestor's case, derived in the silo from the master key and the case's salt.
/// It travels inside the cluster with a request and is never stored or logged.
/// </summary>
[GenerateSerializer, Immutable, Alias("rds.PseudonymKey")]
public sealed record PseudonymKey
{
    /// <summary>"{requestor}/{case}": where its pseudonyms can be resolved again.</summary>
    [Id(0)] public required string Scope { get; init; }

    /// <summary>The master key's version, shown in responses so a rotation explains changed pseudonyms.</summary>
    [Id(1)] public required int Version { get; init; }

    [Id(2)] public required byte[] Key { get; init; }

    public override string ToString() => $"PseudonymKey {{ Scope = {Scope}, Version = {Version} }}";
}
