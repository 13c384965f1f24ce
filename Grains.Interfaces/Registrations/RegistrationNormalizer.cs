using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Rds.Registrations;

/// <summary>
/// Validates a pushed record and brings it to its stored form (A-label names, canonical IPs, EPP status codes,
/// upper-case country and digest). All problems are reported together so a registrar can fix a record in one go.
/// </summary>
public static partial class RegistrationNormalizer
{
    private const int MaxTextLength = 255;
    private const int MaxUrlLength = 2048;
    private const int MaxEmailLength = 254;
    private const int MaxNameservers = 32;
    private const int MaxAddressesPerNameserver = 16;
    private const int MaxStreetLines = 3;
    private const int MaxStatuses = 32;
    private const int MaxDsRecords = 16;

    public static NormalizationResult Normalize(RegistrationRecord record)
    {
        var errors = new List<string>();

        var domain = DomainNames.Normalize(record.DomainName);
        if (!domain.IsValid)
            errors.Add($"domainName: {domain.Error}");
        else if (record.UnicodeName is { } given && !string.Equals(DomainNames.Normalize(given).ALabel, domain.ALabel, StringComparison.Ordinal))
            errors.Add("unicodeName: does not denote the same name as domainName.");

        var normalized = record with
        {
            DomainName = domain.ALabel ?? record.DomainName,
            UnicodeName = domain.ULabel,
            RegistryDomainId = Text(record.RegistryDomainId, "registryDomainId", errors),
            Registrar = NormalizeRegistrar(record.Registrar, errors),
            Reseller = Text(record.Reseller, "reseller", errors),
            Statuses = NormalizeStatuses(record.Statuses, errors),
            Registrant = NormalizeContact(record.Registrant, "registrant", errors),
            Tech = NormalizeContact(record.Tech, "tech", errors),
            Nameservers = NormalizeNameservers(record.Nameservers, errors),
            Dnssec = NormalizeDnssec(record.Dnssec, errors),
        };
        if (record.RegistryExpiryDate is { } expiry && record.CreationDate is { } created && expiry < created)
            errors.Add("registryExpiryDate: is before creationDate.");

        return errors.Count == 0 ? NormalizationResult.Ok(normalized) : NormalizationResult.Failed(errors);
    }

    private static Registrar NormalizeRegistrar(Registrar? registrar, List<string> errors)
    {
        if (registrar is null)
        {
            errors.Add("registrar: is required.");
            return new Registrar { Name = "" };
        }
        if (string.IsNullOrWhiteSpace(registrar.Name))
            errors.Add("registrar.name: is required.");
        if (registrar.IanaId is { } iana && !IanaIdPattern().IsMatch(iana))
            errors.Add("registrar.ianaId: must be a decimal number.");
        return registrar with
        {
            Name = Text(registrar.Name, "registrar.name", errors) ?? "",
            WhoisServer = HostName(registrar.WhoisServer, "registrar.whoisServer", errors),
            Url = Url(registrar.Url, "registrar.url", errors),
            AbuseEmail = Email(registrar.AbuseEmail, "registrar.abuseEmail", errors),
            AbusePhone = Phone(registrar.AbusePhone, "registrar.abusePhone", errors),
        };
    }

    private static Contact? NormalizeContact(Contact? contact, string field, List<string> errors)
    {
        if (contact is null)
            return null;
        if (contact.Street.Length > MaxStreetLines)
            errors.Add($"{field}.street: at most {MaxStreetLines} lines.");
        var country = Text(contact.CountryCode, $"{field}.countryCode", errors)?.ToUpperInvariant();
        if (country is not null && !CountryCodePattern().IsMatch(country))
            errors.Add($"{field}.countryCode: must be an ISO 3166-1 alpha-2 code.");
        return contact with
        {
            Handle = Text(contact.Handle, $"{field}.handle", errors),
            Name = Text(contact.Name, $"{field}.name", errors),
            Organization = Text(contact.Organization, $"{field}.organization", errors),
            Street = [.. contact.Street.Select((line, i) => Text(line, $"{field}.street[{i}]", errors) ?? "")],
            City = Text(contact.City, $"{field}.city", errors),
            Region = Text(contact.Region, $"{field}.region", errors),
            PostalCode = Text(contact.PostalCode, $"{field}.postalCode", errors),
            CountryCode = country,
            Phone = Phone(contact.Phone, $"{field}.phone", errors),
            PhoneExt = Extension(contact.PhoneExt, $"{field}.phoneExt", errors),
            Fax = Phone(contact.Fax, $"{field}.fax", errors),
            FaxExt = Extension(contact.FaxExt, $"{field}.faxExt", errors),
            Email = Email(contact.Email, $"{field}.email", errors),
        };
    }

    private static ImmutableArray<string> NormalizeStatuses(ImmutableArray<string> statuses, List<string> errors)
    {
        if (statuses.Length > MaxStatuses)
            errors.Add($"statuses: at most {MaxStatuses}.");
        var codes = new List<string>();
        foreach (var status in statuses)
        {
            if (status is null || !EppStatus.TryNormalize(status, out var code))
                errors.Add($"statuses: '{Shorten(status)}' is not an EPP domain status (RFC 5731) nor its RDAP value (RFC 8056).");
            else if (!codes.Contains(code))
                codes.Add(code);
        }
        if (codes.Contains("ok") && codes.Count > 1)
            errors.Add("statuses: 'ok' cannot be combined with other statuses (RFC 5731 §2.3).");
        return [.. codes];
    }

    private static ImmutableArray<Nameserver> NormalizeNameservers(ImmutableArray<Nameserver> nameservers, List<string> errors)
    {
        if (nameservers.Length > MaxNameservers)
        {
            errors.Add($"nameservers: at most {MaxNameservers}.");
            return nameservers;
        }
        var result = new List<Nameserver>();
        for (var i = 0; i < nameservers.Length; i++)
        {
            var field = $"nameservers[{i}]";
            var ns = nameservers[i];
            if (ns is null)
            {
                errors.Add($"{field}: is null.");
                continue;
            }
            var name = DomainNames.Normalize(ns.Name);
            if (!name.IsValid)
            {
                errors.Add($"{field}.name: {name.Error}");
                continue;
            }
            if (result.Any(existing => existing.Name == name.ALabel))
            {
                errors.Add($"{field}.name: '{name.ALabel}' is listed twice.");
                continue;
            }
            if (ns.Ipv4.Length + ns.Ipv6.Length > MaxAddressesPerNameserver)
                errors.Add($"{field}: at most {MaxAddressesPerNameserver} addresses.");
            result.Add(new Nameserver
            {
                Name = name.ALabel!,
                UnicodeName = name.ULabel,
                Ipv4 = Addresses(ns.Ipv4, AddressFamily.InterNetwork, $"{field}.ipv4", errors),
                Ipv6 = Addresses(ns.Ipv6, AddressFamily.InterNetworkV6, $"{field}.ipv6", errors),
            });
        }
        return [.. result];
    }

    private static ImmutableArray<string> Addresses(ImmutableArray<string> addresses, AddressFamily family, string field, List<string> errors)
    {
        var result = new List<string>();
        foreach (var text in addresses)
        {
            // IPAddress.TryParse accepts shorthand like "1" or "1.2"; glue must be a full dotted quad.
            var wellFormed = text is not null && IPAddress.TryParse(text, out var address) && address.AddressFamily == family
                && (family != AddressFamily.InterNetwork || text.Count(c => c == '.') == 3) && !text.Contains('%');
            if (!wellFormed)
            {
                errors.Add($"{field}: '{Shorten(text)}' is not an {(family == AddressFamily.InterNetwork ? "IPv4" : "IPv6")} address.");
                continue;
            }
            var canonical = IPAddress.Parse(text!).ToString();
            if (!result.Contains(canonical))
                result.Add(canonical);
        }
        return [.. result];
    }

    private static SecureDns? NormalizeDnssec(SecureDns? dnssec, List<string> errors)
    {
        if (dnssec is null)
            return null;
        if (dnssec.DsData.Length > MaxDsRecords)
            errors.Add($"dnssec.dsData: at most {MaxDsRecords}.");
        if (dnssec.DsData.Length > 0 && !dnssec.DelegationSigned)
            errors.Add("dnssec: dsData given but delegationSigned is false.");
        var records = new List<DsRecord>();
        for (var i = 0; i < dnssec.DsData.Length; i++)
        {
            var ds = dnssec.DsData[i];
            var field = $"dnssec.dsData[{i}]";
            if (ds is null)
            {
                errors.Add($"{field}: is null.");
                continue;
            }
            if (ds.KeyTag is < 0 or > ushort.MaxValue)
                errors.Add($"{field}.keyTag: must be 0–65535.");
            if (ds.Algorithm is < 0 or > byte.MaxValue)
                errors.Add($"{field}.algorithm: must be 0–255.");
            if (ds.DigestType is < 0 or > byte.MaxValue)
                errors.Add($"{field}.digestType: must be 0–255.");
            if (ds.Digest is null || !HexPattern().IsMatch(ds.Digest))
                errors.Add($"{field}.digest: must be an even number of hexadecimal digits.");
            records.Add(ds with { Digest = ds.Digest?.ToUpperInvariant() ?? "" });
        }
        if (dnssec.MaxSigLife is <= 0)
            errors.Add("dnssec.maxSigLife: must be positive.");
        return dnssec with { DsData = [.. records] };
    }

    private static string? Text(string? value, string field, List<string> errors)
    {
        if (value is null)
            return null;
        var trimmed = value.Trim();
        if (trimmed.Length > MaxTextLength)
            errors.Add($"{field}: longer than {MaxTextLength} characters.");
        if (trimmed.Any(char.IsControl))
            errors.Add($"{field}: contains a control character.");
        return trimmed.Length == 0 ? null : trimmed;
    }

    private static string? HostName(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var name = DomainNames.Normalize(value.Trim());
        if (!name.IsValid)
            errors.Add($"{field}: {name.Error}");
        return name.ALabel ?? value;
    }

    private static string? Url(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var trimmed = value.Trim();
        if (trimmed.Length > MaxUrlLength || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            errors.Add($"{field}: must be an absolute http or https URL.");
        return trimmed;
    }

    private static string? Email(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var trimmed = value.Trim();
        var at = trimmed.LastIndexOf('@');
        if (trimmed.Length > MaxEmailLength || at <= 0 || at > 64 || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add($"{field}: is not an email address.");
            return trimmed;
        }
        var domain = DomainNames.Normalize(trimmed[(at + 1)..]);
        if (!domain.IsValid)
            errors.Add($"{field}: the domain part is invalid: {domain.Error}");
        return trimmed;
    }

    private static string? Phone(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var trimmed = value.Trim();
        if (!PhonePattern().IsMatch(trimmed))
            errors.Add($"{field}: is not a phone number (expected e.g. +1.5555550100).");
        return trimmed;
    }

    private static string? Extension(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var trimmed = value.Trim();
        if (!ExtensionPattern().IsMatch(trimmed))
            errors.Add($"{field}: must be up to 10 digits.");
        return trimmed;
    }

    private static string Shorten(string? value) => value is null ? "null" : value.Length <= 40 ? value : value[..40] + "…";

    // \z, not $: "$" also matches before a final newline, and the IANA ID becomes a grain key (the registrar's).
    [GeneratedRegex("^[0-9]{1,10}\\z")]
    private static partial Regex IanaIdPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCodePattern();

    [GeneratedRegex("^(?:[0-9A-Fa-f]{2}){1,128}\\z")]
    private static partial Regex HexPattern();

    // E.164a (+CC.NUMBER) as EPP uses, and the looser +1-555-555-1235 form some registries publish.
    [GeneratedRegex(@"^\+[0-9]{1,3}[.\-][0-9][0-9\-]{2,20}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[0-9]{1,10}$")]
    private static partial Regex ExtensionPattern();
}
