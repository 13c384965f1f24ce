using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Rds.Registrations;

namespace Rds.Tests.Gateway;

/// <summary>
/// Reads the data of an RDAP domain response (such as RFC 9537 Figure 11) into a registration record, so that
/// "imported and rendered gives back the same fields" can be checked. Test-only: it knows just the shapes it meets.
/// </summary>
internal static class RdapExampleConverter
{
    private static readonly Dictionary<string, string> CountryCodes = new(StringComparer.OrdinalIgnoreCase) { ["Canada"] = "CA", ["US"] = "US" };

    public static RegistrationRecord ToRecord(JsonObject rdap)
    {
        var entities = rdap["entities"]!.AsArray().Cast<JsonObject>().ToArray();
        JsonObject? WithRole(IEnumerable<JsonObject> list, string role) =>
            list.FirstOrDefault(e => e["roles"]!.AsArray().Any(r => r!.GetValue<string>() == role));
        var registrar = WithRole(entities, "registrar")!;
        var abuse = WithRole(registrar["entities"]?.AsArray().Cast<JsonObject>() ?? [], "abuse");
        DateTimeOffset? Event(string action) => rdap["events"]!.AsArray().Cast<JsonObject>()
            .Where(e => e["eventAction"]!.GetValue<string>() == action).Select(e => (DateTimeOffset?)DateTimeOffset.Parse(e["eventDate"]!.GetValue<string>())).FirstOrDefault();

        return new RegistrationRecord
        {
            DomainName = rdap["ldhName"]!.GetValue<string>(),
            RegistryDomainId = rdap["handle"]?.GetValue<string>(),
            Registrar = new Registrar
            {
                Name = Text(registrar, "fn")!,
                IanaId = registrar["publicIds"]?.AsArray().FirstOrDefault()?["identifier"]?.GetValue<string>(),
                AbuseEmail = abuse is null ? null : Text(abuse, "email"),
                AbusePhone = abuse is null ? null : Tel(abuse, "voice").Number,
            },
            Statuses = [.. rdap["status"]!.AsArray().Select(s => s!.GetValue<string>())],
            CreationDate = Event("registration"),
            UpdatedDate = Event("last changed") ?? Event("registration")!.Value,
            RegistryExpiryDate = Event("expiration"),
            Registrant = Contact(WithRole(entities, "registrant")),
            Tech = Contact(WithRole(entities, "technical")),
            Nameservers = [.. rdap["nameservers"]!.AsArray().Select(n => new Nameserver { Name = n!["ldhName"]!.GetValue<string>() })],
            Dnssec = new SecureDns { DelegationSigned = rdap["secureDNS"]?["delegationSigned"]?.GetValue<bool>() ?? false },
        };
    }

    private static Contact? Contact(JsonObject? entity)
    {
        if (entity is null)
            return null;
        var address = Property(entity, "adr")?[3]?.AsArray();
        var voice = Tel(entity, "voice");
        var fax = Tel(entity, "fax");
        return new Contact
        {
            Handle = entity["handle"]?.GetValue<string>(),
            Name = Text(entity, "fn"),
            Organization = Text(entity, "org"),
            Street = address is null ? [] : [.. new[] { address[1]!.GetValue<string>(), address[2]!.GetValue<string>() }.Where(s => s.Length > 0)],
            City = address?[3]!.GetValue<string>(),
            Region = address?[4]!.GetValue<string>(),
            PostalCode = address?[5]!.GetValue<string>(),
            CountryCode = address is null ? null : CountryCodes[address[6]!.GetValue<string>()],
            Phone = voice.Number,
            PhoneExt = voice.Extension,
            Fax = fax.Number,
            FaxExt = fax.Extension,
            Email = Text(entity, "email"),
        };
    }

    private static JsonArray? Property(JsonObject entity, string name) =>
        entity["vcardArray"]![1]!.AsArray().Cast<JsonArray>().FirstOrDefault(p => p[0]!.GetValue<string>() == name);

    private static string? Text(JsonObject entity, string name) => Property(entity, name)?[3]!.GetValue<string>();

    /// <summary>Splits "tel:+1.7035555555;ext=1234" into number and extension.</summary>
    public static (string? Number, string? Extension) Tel(JsonObject entity, string type)
    {
        var tel = entity["vcardArray"]![1]!.AsArray().Cast<JsonArray>()
            .FirstOrDefault(p => p[0]!.GetValue<string>() == "tel" && p[1]!["type"]?.GetValue<string>() == type);
        if (tel is null)
            return (null, null);
        var parts = tel[3]!.GetValue<string>().Replace("tel:", "").Split(";ext=");
        return (parts[0], parts.Length > 1 ? parts[1] : null);
    }

    public static ImmutableArray<string> StreetLines(JsonArray address) =>
        [.. address.Skip(1).Take(2).SelectMany(part => part is JsonArray lines ? lines.Select(l => l!.GetValue<string>()) : [part!.GetValue<string>()]).Where(s => s.Length > 0)];
}
