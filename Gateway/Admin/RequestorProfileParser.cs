using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Rds.Disclosure;
using Rds.Requestors;

namespace Rds.Gateway.Admin;

/// <summary>Validates a requestor registration, collecting every problem.</summary>
internal static partial class RequestorProfileParser
{
    private const int MaxTextLength = 200;

    /// <summary>Requestor ids become grain and table keys and appear in audit records: lower-case letters, digits and hyphens.</summary>
    public static bool IsValidId(string? id) => id is not null && RequestorIdPattern().IsMatch(id);

    public static (RequestorProfile? Profile, IReadOnlyList<string> Errors) Parse(RequestorBody body)
    {
        var errors = new List<string>();
        if (!IsPrintable(body.Name))
            errors.Add($"name: required, 1 to {MaxTextLength} printable characters.");
        if (!IsPrintable(body.AccreditingBody))
            errors.Add($"accreditingBody: required, 1 to {MaxTextLength} printable characters.");
        var kind = default(RequestorKind);
        if (!Enum.TryParse(body.Kind, ignoreCase: true, out kind) || !Enum.IsDefined(kind) || int.TryParse(body.Kind, out _))
            errors.Add($"kind: one of {string.Join(", ", Enum.GetNames<RequestorKind>().Select(JsonName))}.");
        if (body.AccreditedUntil is null)
            errors.Add("accreditedUntil: required, an RFC 3339 date-time.");

        var purposes = ImmutableDictionary.CreateBuilder<RdapPurpose, ImmutableHashSet<DataElement>>();
        if (body.Purposes is not { Count: > 0 })
            errors.Add("purposes: at least one RFC 9560 purpose, each with the elements allowed for it (an empty list allows the public view only).");
        foreach (var (name, elementNames) in body.Purposes ?? [])
        {
            if (!RdapPurposes.TryParse(name, out var purpose))
            {
                errors.Add($"purposes: '{Rdap.RdapEndpoints.Printable(name)}' is not an RFC 9560 purpose; one of {string.Join(", ", RdapPurposes.All)}.");
                continue;
            }
            var elements = ImmutableHashSet.CreateBuilder<DataElement>();
            foreach (var elementName in elementNames ?? [])
            {
                if (DataElementNames.TryParse(elementName ?? "", out var element))
                    elements.Add(element);
                else
                    errors.Add($"purposes.{name}: '{Rdap.RdapEndpoints.Printable(elementName)}' is not a redacted name of the RDAP Response Profile, e.g. 'Registrant Email'.");
            }
            purposes[purpose] = elements.ToImmutable();
        }

        var quotas = RequestorQuotas.Default;
        if (body.Quotas is { } asked)
        {
            int Within(string name, int? value, int fallback, int max)
            {
                if (value is null)
                    return fallback;
                if (value < 1 || value > max)
                    errors.Add($"quotas.{name}: 1 to {max:N0}.");
                return value.Value;
            }
            quotas = new RequestorQuotas
            {
                RequestsPerMinute = Within("requestsPerMinute", asked.RequestsPerMinute, quotas.RequestsPerMinute, 1_000_000),
                Burst = Within("burst", asked.Burst, quotas.Burst, 100_000),
                RecordsPerDay = Within("recordsPerDay", asked.RecordsPerDay, quotas.RecordsPerDay, 100_000_000),
                PivotsPerCasePerDay = Within("pivotsPerCasePerDay", asked.PivotsPerCasePerDay, quotas.PivotsPerCasePerDay, 1_000_000),
            };
        }

        if (errors.Count > 0)
            return (null, errors);
        return (new RequestorProfile
        {
            Quotas = quotas,
            Pseudonymised = body.Pseudonymise ?? true,
            Name = body.Name!.Trim(),
            Kind = kind,
            AccreditingBody = body.AccreditingBody!.Trim(),
            AccreditedUntil = body.AccreditedUntil!.Value,
            Purposes = purposes.ToImmutable(),
        }, errors);
    }

    public static string JsonName(string enumName) => char.ToLowerInvariant(enumName[0]) + enumName[1..];

    private static bool IsPrintable(string? text) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= MaxTextLength && !text.Any(char.IsControl);

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")]
    private static partial Regex RequestorIdPattern();
}
