using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Rds.Disclosure;
using Rds.Requestors;

namespace Rds.Gateway.Access;

/// <summary>
/// Reads what every disclosure request must state from its headers. Headers rather than query parameters keep a
/// justification out of URLs, which proxies and browsers log, and leave RDAP's own query strings and paging links
/// untouched. Every missing or malformed item is reported, not just the first.
/// </summary>
internal static partial class AccessHeaders
{
    public const string Purpose = "RDS-Purpose";
    public const string LegalBasis = "RDS-Legal-Basis";
    public const string Case = "RDS-Case";
    public const string Justification = "RDS-Justification";
    public const string Evidence = "RDS-Evidence";
    public const string Elements = "RDS-Elements";
    public const string Agreement = "RDS-Agreement";

    /// <summary>The value of <see cref="Elements"/> that asks for the public elements only.</summary>
    public const string NoElements = "none";

    private const int MinJustificationLength = 10;
    private const int MaxJustificationLength = 2000;
    private const int MaxEvidenceItems = 20;
    private const int MaxEvidenceLength = 512;

    public static (AccessRequest? Request, IReadOnlyList<string> Errors) Parse(IHeaderDictionary headers)
    {
        var errors = new List<string>();
        string? Required(string name)
        {
            var values = headers[name];
            if (values.Count == 0 || string.IsNullOrWhiteSpace(values[0]))
            {
                errors.Add($"{name} is missing.");
                return null;
            }
            if (values.Count > 1)
            {
                errors.Add($"{name} is given more than once.");
                return null;
            }
            return values[0]!.Trim();
        }

        var purposeText = Required(Purpose);
        var basisText = Required(LegalBasis);
        var caseId = Required(Case);
        var justification = Required(Justification);
        var evidenceText = Required(Evidence);
        var elementsText = Required(Elements);
        var agreement = Required(Agreement);

        var purpose = default(RdapPurpose);
        if (purposeText is not null && !RdapPurposes.TryParse(purposeText, out purpose))
            errors.Add($"{Purpose} '{Printable(purposeText)}' is not a registered RDAP purpose (RFC 9560); one of: {string.Join(", ", RdapPurposes.All)}.");
        var basis = default(LegalBasis);
        if (basisText is not null && !LegalBases.TryParse(basisText, out basis))
            errors.Add($"{LegalBasis} '{Printable(basisText)}' is not one of: {string.Join(", ", LegalBases.All)}.");
        if (caseId is not null && !CaseIdPattern().IsMatch(caseId))
            errors.Add($"{Case} must be 1 to 64 letters, digits or . _ : -.");
        if (justification is not null && (justification.Length < MinJustificationLength || justification.Length > MaxJustificationLength || justification.Any(char.IsControl)))
            errors.Add($"{Justification} must be {MinJustificationLength} to {MaxJustificationLength} printable characters saying why this data is needed.");

        var evidence = ImmutableArray<string>.Empty;
        if (evidenceText is not null)
        {
            evidence = [.. evidenceText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            if (evidence.Length is 0 or > MaxEvidenceItems || evidence.Any(item => item.Length > MaxEvidenceLength || item.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
                errors.Add($"{Evidence} must list 1 to {MaxEvidenceItems} references to the evidence (URLs or report ids, without spaces), separated by commas.");
        }

        var elements = ImmutableHashSet<DataElement>.Empty;
        if (elementsText is not null && !elementsText.Equals(NoElements, StringComparison.OrdinalIgnoreCase))
        {
            var unknown = new List<string>();
            foreach (var name in elementsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (DataElementNames.TryParse(name, out var element))
                    elements = elements.Add(element);
                else
                    unknown.Add($"'{Printable(name)}'");
            }
            if (unknown.Count > 0)
                errors.Add($"{Elements} names unknown elements ({string.Join(", ", unknown)}); use the RDAP Response Profile's redacted names, e.g. 'Registrant Email', separated by commas, or '{NoElements}'.");
        }

        if (errors.Count > 0)
            return (null, errors);
        return (new AccessRequest
        {
            Purpose = purpose,
            LegalBasis = basis,
            CaseId = caseId!,
            Justification = justification!,
            Evidence = evidence,
            Elements = elements,
            AgreementVersion = agreement!,
        }, errors);
    }

    /// <summary>Case ids appear in audit records and table filters: letters, digits and . _ : -, up to 64.</summary>
    public static bool IsValidCaseId(string? caseId) => caseId is not null && CaseIdPattern().IsMatch(caseId);

    private static string Printable(string text) => Rdap.RdapEndpoints.Printable(text);

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex CaseIdPattern();
}
