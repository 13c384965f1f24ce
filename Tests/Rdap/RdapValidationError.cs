namespace Rds.Tests.Rdap;

/// <summary>One problem found in an RDAP response; <paramref name="InstanceLocation"/> is a JSON Pointer into it.</summary>
internal sealed record RdapValidationError(string InstanceLocation, string Message)
{
    public override string ToString() => $"{(InstanceLocation.Length == 0 ? "(root)" : InstanceLocation)}: {Message}";
}
