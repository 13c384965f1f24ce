using System.Diagnostics.CodeAnalysis;

namespace Rds.Registrations;

/// <summary>The outcome of <see cref="DomainNames.Normalize"/>.</summary>
public readonly record struct NormalizedName
{
    /// <summary>Lower-case A-label form, without trailing dot; null when invalid.</summary>
    public string? ALabel { get; private init; }

    /// <summary>U-label form when the name is an IDN, else null.</summary>
    public string? ULabel { get; private init; }

    /// <summary>True when the input was written in U-labels (RP 2024 §2.1 then requires unicodeName in the answer).</summary>
    public bool WasUnicodeInput { get; private init; }

    /// <summary>Why the name is invalid; null when valid.</summary>
    public string? Error { get; private init; }

    [MemberNotNullWhen(true, nameof(ALabel))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;

    internal static NormalizedName Valid(string aLabel, string? uLabel, bool wasUnicodeInput) =>
        new() { ALabel = aLabel, ULabel = uLabel, WasUnicodeInput = wasUnicodeInput };

    internal static NormalizedName Invalid(string error) => new() { Error = error };
}
