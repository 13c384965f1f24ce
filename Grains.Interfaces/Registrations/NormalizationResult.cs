namespace Rds.Registrations;

/// <summary>A normalised record, or every reason it was refused.</summary>
public sealed record NormalizationResult
{
    public RegistrationRecord? Record { get; private init; }

    public IReadOnlyList<string> Errors { get; private init; } = [];

    public bool IsValid => Record is not null;

    internal static NormalizationResult Ok(RegistrationRecord record) => new() { Record = record };

    internal static NormalizationResult Failed(IReadOnlyList<string> errors) => new() { Errors = errors };
}
