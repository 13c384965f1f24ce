using System.Globalization;

namespace Rds.Registrations;

/// <summary>
/// The one normaliser for domain and host names: UTS 46 through <see cref="IdnMapping"/> with STD3 rules,
/// lower-case A-label without trailing dot, the U-label kept when it differs.
/// </summary>
public static class DomainNames
{
    private const int MaxInputLength = 1024;
    private const int MaxNameOctets = 253;
    private const int MaxLabelOctets = 63;
    private const string AcePrefix = "xn--";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>Normalises <paramref name="input"/>; on failure the result says why in words a client can act on.</summary>
    public static NormalizedName Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
            return NormalizedName.Invalid("The name is empty.");
        if (input.Length > MaxInputLength)
            return NormalizedName.Invalid($"The name is longer than {MaxNameOctets} octets.");
        foreach (var c in input)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
                return NormalizedName.Invalid("The name contains a control or white-space character.");
        }

        // One trailing dot marks the root and is dropped (RFC 9082 §3.1.3 names are fully qualified without it).
        var name = input.EndsWith('.') ? input[..^1] : input;
        if (name.Length == 0)
            return NormalizedName.Invalid("The name is empty.");

        var labels = name.Split('.');
        if (labels.Any(label => label.Length == 0))
            return NormalizedName.Invalid("The name has an empty label.");

        var hasUnicode = name.Any(c => c > 0x7F);
        var hasALabel = labels.Any(label => label.StartsWith(AcePrefix, StringComparison.OrdinalIgnoreCase));
        if (hasUnicode && hasALabel)
            return NormalizedName.Invalid("The name mixes A-labels and U-labels; send it all as A-labels or all as U-labels.");

        string ascii;
        string unicode;
        try
        {
            ascii = Idn.GetAscii(name).ToLowerInvariant();
            // Decoding and re-encoding proves every A-label is valid Punycode of a valid U-label.
            unicode = Idn.GetUnicode(ascii);
            if (!string.Equals(Idn.GetAscii(unicode), ascii, StringComparison.OrdinalIgnoreCase))
                return NormalizedName.Invalid("The name has an A-label that is not the canonical encoding of its U-label.");
        }
        catch (ArgumentException)
        {
            return NormalizedName.Invalid(hasALabel
                ? "The name has an invalid A-label (bad Punycode or a disallowed character once decoded)."
                : "The name is not a valid host name: only letters, digits and hyphens (or IDNA-valid Unicode) are allowed, and no label may start or end with a hyphen.");
        }

        if (ascii.Length > MaxNameOctets)
            return NormalizedName.Invalid($"The name is longer than {MaxNameOctets} octets.");
        if (ascii.Split('.').Any(label => label.Length > MaxLabelOctets))
            return NormalizedName.Invalid($"A label of the name is longer than {MaxLabelOctets} octets.");

        return NormalizedName.Valid(ascii, unicode == ascii ? null : unicode, hasUnicode);
    }
}
