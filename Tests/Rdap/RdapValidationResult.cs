namespace Rds.Tests.Rdap;

/// <summary>Outcome of <see cref="RdapSchemaValidator.Validate"/>.</summary>
internal sealed class RdapValidationResult(IReadOnlyList<RdapValidationError> errors)
{
    public IReadOnlyList<RdapValidationError> Errors { get; } = errors;

    public bool IsValid => Errors.Count == 0;

    public override string ToString() =>
        IsValid ? "valid" : string.Join(Environment.NewLine, Errors);
}
