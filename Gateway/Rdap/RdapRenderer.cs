using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Rds.Disclosure;
using Rds.Nameservers;
using Rds.Registrars;
using Rds.Registrations;
using Rds.Search;

namespace Rds.Gateway.Rdap;

/// <summary>
/// The one renderer of RDAP objects (RFC 9083 with the ICANN 2024 profile). It renders what the disclosure policy
/// left in the record and marks what it withheld (RFC 9537); it never decides who sees what.
/// </summary>
internal sealed class RdapRenderer(IOptions<RdapOptions> options)
{
    private const string RegistrantRole = "registrant";
    private const string TechnicalRole = "technical";

    private readonly RdapOptions _options = options.Value;

    public JsonObject RenderDomain(DisclosedRegistration disclosed, RdapRequestContext request)
    {
        var domain = DomainObject(disclosed, request, "$");
        domain.Insert(0, "rdapConformance", Conformance(disclosed.Redactions.Length > 0));
        domain["notices"] = Notices(request.QueryUrl, includeDomainNotices: true);
        return domain;
    }

    /// <summary>
    /// A domain search answer (RFC 9083 §8): the results share this renderer with lookups, so a search shows
    /// exactly what a lookup would; paging in the style of RFC 8977 with an opaque next link.
    /// </summary>
    /// <param name="reverseProperties">For a reverse search (RFC 9536 §6), the properties it used, which the answer maps to their JSONPaths.</param>
    public JsonObject RenderDomainSearch(DomainSearchPage page, RdapRequestContext request, string? nextUrl, int pageSize, IReadOnlyList<string>? reverseProperties = null)
    {
        var results = new JsonArray();
        for (var i = 0; i < page.Results.Length; i++)
            results.Add(DomainObject(page.Results[i], request, $"$.domainSearchResults[{i}]"));
        var conformance = Conformance(page.Results.Any(r => r.Redactions.Length > 0));
        conformance.Add(RdapMedia.PagingExtension);
        var notices = Notices(request.QueryUrl, includeDomainNotices: true);
        if (page.Truncated)
            notices.Add(Truncated($"The pattern matched more than {DomainSearch.MaxPatternNameservers} nameservers; only the first are searched. Use a longer prefix."));
        var answer = new JsonObject
        {
            ["rdapConformance"] = conformance,
            ["domainSearchResults"] = results,
            ["paging_metadata"] = Paging(page.TotalCount, pageSize, nextUrl, request),
            ["notices"] = notices,
        };
        if (reverseProperties is not null)
        {
            conformance.Add(RdapMedia.ReverseSearchExtension);
            answer["reverse_search_properties_mapping"] = new JsonArray([.. ReverseSearchQuery.Served
                .Where(served => reverseProperties.Contains(served.Property))
                .Select(served => (JsonNode)new JsonObject { ["property"] = served.Property, ["propertyPath"] = served.Path })]);
        }
        return answer;
    }

    /// <summary>A nameserver lookup (RFC 9083 §5.2): the nameserver as the delegating domains' records give it.</summary>
    public JsonObject RenderNameserver(NameserverView view, RdapRequestContext request)
    {
        var nameserver = NameserverObject(view, request);
        nameserver.Insert(0, "rdapConformance", Conformance(redacted: false));
        nameserver["notices"] = Notices(request.QueryUrl, includeDomainNotices: false);
        return nameserver;
    }

    /// <summary>A nameserver search answer (RFC 9083 §8): each result exactly as its lookup shows it, paged as domain searches are.</summary>
    public JsonObject RenderNameserverSearch(NameserverSearchPage page, RdapRequestContext request, string? nextUrl, int pageSize)
    {
        var conformance = Conformance(redacted: false);
        conformance.Add(RdapMedia.PagingExtension);
        var notices = Notices(request.QueryUrl, includeDomainNotices: false);
        if (page.Truncated)
            notices.Add(Truncated($"The address is used by more than {NameserverSearch.MaxAddressDomains} domains; only the nameservers of the first are listed."));
        return new JsonObject
        {
            ["rdapConformance"] = conformance,
            ["nameserverSearchResults"] = new JsonArray([.. page.Results.Select(view => (JsonNode)NameserverObject(view, request))]),
            ["paging_metadata"] = Paging(page.TotalCount, pageSize, nextUrl, request),
            ["notices"] = notices,
        };
    }

    /// <summary>
    /// A registrar entity lookup (RFC 9083 §5.1, RP 2024 §3): the same registrar entity a domain shows, as a top-level
    /// object. This service knows a registrar only from its domains' records, which hold no postal address, phone or
    /// email of the registrar itself (RP 2024 §3.1 asks for them); a remark says so rather than showing abuse contacts as them.
    /// </summary>
    public JsonObject RenderRegistrar(RegistrarView view, RdapRequestContext request)
    {
        var entity = Registrar(view.Registrar, request);
        entity.Insert(0, "rdapConformance", Conformance(redacted: false));
        var self = Link(request.QueryUrl, "self", $"{request.RdapBaseUrl}/entity/{view.Registrar.IanaId}", RdapMedia.ContentType);
        if (entity["links"] is JsonArray links)
            links.Insert(0, self);
        else
            entity["links"] = new JsonArray(self);
        entity["events"] = new JsonArray(Event("last update of RDAP database", view.DatabaseUpdatedAt));
        entity["remarks"] = new JsonArray(new JsonObject
        {
            ["title"] = "Registrar data held",
            ["description"] = Lines(
                "This service knows a registrar from the records of the domains it sponsors: its name, IANA ID, URL, WHOIS server and abuse contact, as the most recently updated record gives them.",
                "The registrar's postal address, phone and email are not held here."),
        });
        entity["notices"] = Notices(request.QueryUrl, includeDomainNotices: false);
        return entity;
    }

    private JsonObject Paging(long? totalCount, int pageSize, string? nextUrl, RdapRequestContext request)
    {
        var paging = new JsonObject();
        if (totalCount is { } total)
            paging["totalCount"] = total;
        paging["pageSize"] = pageSize;
        if (nextUrl is not null)
            paging["links"] = new JsonArray(Link(request.QueryUrl, "next", nextUrl, RdapMedia.ContentType));
        return paging;
    }

    // TIG 2024 §3.5: a truncated response says why, with a notice type from the IANA RDAP JSON values.
    private static JsonObject Truncated(string why) => new()
    {
        ["title"] = "Search query truncated",
        ["type"] = "result set truncated due to excessive load",
        ["description"] = Lines(why),
    };

    private JsonObject DomainObject(DisclosedRegistration disclosed, RdapRequestContext request, string root)
    {
        var record = disclosed.Record;
        var domain = new JsonObject { ["objectClassName"] = "domain" };
        if (record.RegistryDomainId is not null)
            domain["handle"] = record.RegistryDomainId;
        domain["ldhName"] = record.DomainName;
        if (record.UnicodeName is not null)
            domain["unicodeName"] = record.UnicodeName;
        domain["links"] = new JsonArray(Link(request.QueryUrl, "self", $"{request.RdapBaseUrl}/domain/{record.DomainName}", RdapMedia.ContentType));
        domain["status"] = new JsonArray([.. (record.Statuses.IsEmpty ? ["ok"] : record.Statuses).Select(s => (JsonNode)EppStatus.ToRdap(s))]);
        domain["entities"] = Entities(record, request);
        domain["events"] = Events(record, disclosed.DatabaseUpdatedAt);
        domain["nameservers"] = new JsonArray([.. record.Nameservers.Select(ns => (JsonNode)Nameserver(ns, request))]);
        domain["secureDNS"] = SecureDns(record.Dnssec);
        if (disclosed.Redactions.Length > 0)
            domain["redacted"] = new JsonArray([.. disclosed.Redactions.Select(r => (JsonNode)Redacted(r, root))]);
        return domain;
    }

    public JsonObject RenderHelp(RdapRequestContext request) => new()
    {
        ["rdapConformance"] = new JsonArray([.. RdapMedia.BaseConformance.Append(RdapMedia.ReverseSearchExtension).Select(c => (JsonNode)c)]),
        // RFC 9536 §5: what /rdap/domains/reverse_search/entity can be asked by.
        ["reverse_search_properties"] = new JsonArray([.. ReverseSearchQuery.Served.Select(served => (JsonNode)new JsonObject
        {
            ["searchableResourceType"] = "domains",
            ["relatedResourceType"] = "entity",
            ["property"] = served.Property,
            ["propertyPath"] = served.Path,
        })]),
        ["notices"] = new JsonArray(
            new JsonObject
            {
                ["title"] = "About this service",
                ["description"] = Lines(
                    "Orleans.Rds serves domain registration data over RDAP (RFC 9082, RFC 9083) with the ICANN 2024 profile.",
                    "Lookups: /rdap/domain/{name}, with the name as A-labels or U-labels (not mixed); a trailing dot and upper case are accepted.",
                    "Nameservers: /rdap/nameserver/{name}; registrars: /rdap/entity/{IANA Registrar ID} or /rdap/entity/{registrar name} (contact entities are not public).",
                    "Searches: /rdap/domains?nsLdhName={name} or {prefix}* (one trailing asterisk), /rdap/domains?nsIp={address}, /rdap/nameservers?name={name} or {prefix}*, /rdap/nameservers?ip={address}; add count=true for the total; follow the 'next' link of paging_metadata for more.",
                    "Reverse searches (RFC 9536): /rdap/domains/reverse_search/entity?email={address}, ?handle={registry contact id} or ?rds_org={registrant organisation}, optionally with role=registrant or role=technical; exact values only, and only by values the request may see (RDS-Elements).",
                    "Personal data of contacts is withheld unless asked for and allowed, and marked with RFC 9537 'redacted' entries."),
                ["links"] = new JsonArray(Link(request.QueryUrl, "help", _options.HelpDocumentUrl, "text/html")),
            },
            new JsonObject
            {
                ["title"] = "Access by accredited requestors",
                ["description"] = Lines(
                    "Lookups, searches and pivots need an accredited requestor's API key: Authorization: Bearer rds_<key id>_<secret>.",
                    "Every request states, in headers: RDS-Purpose (an RFC 9560 purpose, e.g. criminalInvestigationAndDNSAbuse), RDS-Legal-Basis (gdpr-6-1-a to gdpr-6-1-f), RDS-Case (the id of a case you opened with POST /cases), RDS-Justification (why, in words), RDS-Evidence (comma-separated references to the evidence of abuse), RDS-Elements (the non-public elements needed, by their redacted names such as 'Registrant Email', or 'none') and RDS-Agreement (the accepted user agreement version).",
                    "A missing statement is answered 400 naming each missing item; a purpose or element the accreditation does not allow, a closed case, or a suspended, revoked or expired accreditation, 403 with the reason; over quota, 429 with Retry-After.",
                    "Only the elements asked for and allowed are disclosed; the rest is withheld and listed under 'redacted'; a pseudonymised requestor gets keyed pseudonyms instead of values."),
                ["links"] = new JsonArray(Link(request.QueryUrl, "help", _options.HelpDocumentUrl, "text/html")),
            },
            TermsOfService(request.QueryUrl)),
    };

    private static JsonArray Conformance(bool redacted)
    {
        var conformance = new JsonArray([.. RdapMedia.BaseConformance.Select(c => (JsonNode)c)]);
        if (redacted)
            conformance.Add(RdapMedia.RedactedExtension);
        return conformance;
    }

    private JsonArray Entities(RegistrationRecord record, RdapRequestContext request)
    {
        var entities = new JsonArray(Registrar(record.Registrar, request));
        if (record.Registrant is { } registrant)
            entities.Add(Contact(registrant, RegistrantRole, record.DomainName, withAddress: true));
        if (record.Tech is { } tech)
            entities.Add(Contact(tech, TechnicalRole, record.DomainName, withAddress: false));
        if (record.Reseller is { } reseller)
            entities.Add(new JsonObject
            {
                ["objectClassName"] = "entity",
                ["roles"] = new JsonArray("reseller"),
                ["vcardArray"] = VCard(Property("fn", reseller)),
            });
        return entities;
    }

    // RP 2024 §2.4: handle and publicIds carry the IANA ID, an "about" link the registrar URL, an abuse entity tel and email.
    private static JsonObject Registrar(Registrar registrar, RdapRequestContext request)
    {
        var entity = new JsonObject
        {
            ["objectClassName"] = "entity",
            ["handle"] = registrar.IanaId ?? "not applicable",
            ["roles"] = new JsonArray("registrar"),
        };
        if (registrar.IanaId is not null)
            entity["publicIds"] = new JsonArray(new JsonObject { ["type"] = "IANA Registrar ID", ["identifier"] = registrar.IanaId });
        entity["vcardArray"] = VCard(Property("fn", registrar.Name));
        if (registrar.Url is not null)
            entity["links"] = new JsonArray(Link(request.QueryUrl, "about", registrar.Url, "text/html"));
        var abuse = new List<JsonArray> { Property("fn", "") };
        if (registrar.AbusePhone is not null)
            abuse.Add(Tel("voice", registrar.AbusePhone, null));
        if (registrar.AbuseEmail is not null)
            abuse.Add(Property("email", registrar.AbuseEmail));
        entity["entities"] = new JsonArray(new JsonObject
        {
            ["objectClassName"] = "entity",
            ["roles"] = new JsonArray("abuse"),
            ["vcardArray"] = VCard([.. abuse]),
        });
        if (registrar.WhoisServer is not null)
            entity["port43"] = registrar.WhoisServer;
        return entity;
    }

    private JsonObject Contact(Contact contact, string role, string domainName, bool withAddress)
    {
        var properties = new List<JsonArray> { Property("fn", contact.Name ?? "") };
        if (contact.Organization is not null)
            properties.Add(Property("org", contact.Organization));
        if (withAddress && (contact.Street.Length > 0 || contact.City is not null || contact.Region is not null
                || contact.PostalCode is not null || contact.CountryCode is not null))
            properties.Add(Address(contact));
        if (contact.Phone is not null)
            properties.Add(Tel("voice", contact.Phone, contact.PhoneExt));
        if (contact.Fax is not null)
            properties.Add(Tel("fax", contact.Fax, contact.FaxExt));
        properties.Add(contact.Email is not null
            ? Property("email", contact.Email)
            : new JsonArray("contact-uri", new JsonObject(), "uri", $"{_options.ContactFormBaseUrl}/{domainName}/{role}"));

        var entity = new JsonObject { ["objectClassName"] = "entity" };
        if (contact.Handle is not null)
            entity["handle"] = contact.Handle;
        entity["roles"] = new JsonArray(role);
        entity["vcardArray"] = VCard([.. properties]);
        return entity;
    }

    // RP 2024 §1.4: the country name stays empty and the cc parameter carries the ISO 3166 code.
    private static JsonArray Address(Contact contact)
    {
        var parameters = new JsonObject();
        if (contact.CountryCode is not null)
            parameters["cc"] = contact.CountryCode;
        JsonNode street = contact.Street.Length switch
        {
            0 => "",
            1 => contact.Street[0],
            _ => new JsonArray([.. contact.Street.Select(line => (JsonNode)line)]),
        };
        return new JsonArray("adr", parameters, "text",
            new JsonArray("", "", street, contact.City ?? "", contact.Region ?? "", contact.PostalCode ?? "", ""));
    }

    private static JsonArray Tel(string type, string number, string? extension)
    {
        var uri = "tel:" + number + (extension is null ? "" : ";ext=" + extension);
        return new JsonArray("tel", new JsonObject { ["type"] = type }, "uri", uri);
    }

    private static JsonArray Property(string name, string value) => new(name, new JsonObject(), "text", value);

    private static JsonArray VCard(params JsonArray[] properties) =>
        new("vcard", new JsonArray([Property("version", "4.0"), .. properties]));

    private static JsonArray Events(RegistrationRecord record, DateTimeOffset databaseUpdatedAt)
    {
        var events = new JsonArray();
        void Add(string action, DateTimeOffset? date)
        {
            if (date is { } value)
                events.Add(new JsonObject { ["eventAction"] = action, ["eventDate"] = Rfc3339(value) });
        }
        Add("registration", record.CreationDate);
        Add("expiration", record.RegistryExpiryDate);
        // RP 2024 §2.3.2.2: no "last changed" for a domain not updated since its creation.
        Add("last changed", record.UpdatedDate == record.CreationDate ? null : record.UpdatedDate);
        Add("registrar expiration", record.RegistrarExpirationDate);
        Add("last update of RDAP database", databaseUpdatedAt);
        return events;
    }

    private static JsonObject Nameserver(Nameserver nameserver, RdapRequestContext request)
    {
        var node = new JsonObject { ["objectClassName"] = "nameserver", ["ldhName"] = nameserver.Name };
        if (nameserver.UnicodeName is not null)
            node["unicodeName"] = nameserver.UnicodeName;
        if (nameserver.Ipv4.Length > 0 || nameserver.Ipv6.Length > 0)
        {
            var addresses = new JsonObject();
            if (nameserver.Ipv4.Length > 0)
                addresses["v4"] = new JsonArray([.. nameserver.Ipv4.Select(a => (JsonNode)a)]);
            if (nameserver.Ipv6.Length > 0)
                addresses["v6"] = new JsonArray([.. nameserver.Ipv6.Select(a => (JsonNode)a)]);
            node["ipAddresses"] = addresses;
        }
        node["links"] = new JsonArray(Link(request.QueryUrl, "related", $"{request.RdapBaseUrl}/nameserver/{nameserver.Name}", RdapMedia.ContentType));
        return node;
    }

    // RP 2024 §2.8.3 keeps handle and status out of the nameservers inside a domain of a registry that holds them as
    // domain attributes; a nameserver lookup answers for the name as a host object (TIG 2024 §3.11): there is no host
    // ROID to give as handle, and its status is what is known, that it is in use by the domains delegating to it.
    private static JsonObject NameserverObject(NameserverView view, RdapRequestContext request)
    {
        var node = new JsonObject { ["objectClassName"] = "nameserver", ["ldhName"] = view.Name };
        if (view.UnicodeName is not null)
            node["unicodeName"] = view.UnicodeName;
        if (view.Ipv4.Length > 0 || view.Ipv6.Length > 0)
        {
            var addresses = new JsonObject();
            if (view.Ipv4.Length > 0)
                addresses["v4"] = new JsonArray([.. view.Ipv4.Select(a => (JsonNode)a)]);
            if (view.Ipv6.Length > 0)
                addresses["v6"] = new JsonArray([.. view.Ipv6.Select(a => (JsonNode)a)]);
            node["ipAddresses"] = addresses;
        }
        node["status"] = new JsonArray("active", "associated");
        node["links"] = new JsonArray(Link(request.QueryUrl, "self", $"{request.RdapBaseUrl}/nameserver/{view.Name}", RdapMedia.ContentType));
        if (view.DatabaseUpdatedAt is { } updated)
            node["events"] = new JsonArray(Event("last update of RDAP database", updated));
        if (AddressRemark(view) is { } remark)
            node["remarks"] = new JsonArray(remark);
        return node;
    }

    // Which records the addresses come from (see NameserverGlue); TIG 2024 §3.6 when only some delegating domains were read.
    private static JsonObject? AddressRemark(NameserverView view) => view.AddressSource switch
    {
        NameserverAddressSource.InDomain => new JsonObject
        {
            ["title"] = "Nameserver addresses",
            ["description"] = Lines("The addresses are the glue of the registered domain this nameserver is in."),
        },
        NameserverAddressSource.DelegatingDomains when view.DomainsRead < view.DelegatingDomains => new JsonObject
        {
            ["title"] = "Nameserver addresses",
            ["type"] = "object truncated due to excessive load",
            ["description"] = Lines($"The addresses are the glue given by the first {view.DomainsRead} of the {view.DelegatingDomains} domains delegating to this nameserver; other domains may give other addresses."),
        },
        NameserverAddressSource.DelegatingDomains => new JsonObject
        {
            ["title"] = "Nameserver addresses",
            ["description"] = Lines("The addresses are the glue given by the domains delegating to this nameserver."),
        },
        _ => null,
    };

    private static JsonObject Event(string action, DateTimeOffset date) => new() { ["eventAction"] = action, ["eventDate"] = Rfc3339(date) };

    private static JsonObject SecureDns(SecureDns? dnssec)
    {
        var node = new JsonObject { ["delegationSigned"] = dnssec?.DelegationSigned ?? false };
        if (dnssec is null)
            return node;
        if (dnssec.MaxSigLife is { } maxSigLife)
            node["maxSigLife"] = maxSigLife;
        if (dnssec.DsData.Length > 0)
            node["dsData"] = new JsonArray([.. dnssec.DsData.Select(ds => (JsonNode)new JsonObject
            {
                ["keyTag"] = ds.KeyTag,
                ["algorithm"] = ds.Algorithm,
                ["digest"] = ds.Digest,
                ["digestType"] = ds.DigestType,
            })]);
        return node;
    }

    private JsonArray Notices(string queryUrl, bool includeDomainNotices)
    {
        var notices = new JsonArray(TermsOfService(queryUrl));
        if (!includeDomainNotices)
            return notices;
        // RP 2024 §2.6.3 and §2.10: fixed titles, texts and links.
        notices.Add(new JsonObject
        {
            ["title"] = "Status Codes",
            ["description"] = Lines("For more information on domain status codes, please visit https://icann.org/epp"),
            ["links"] = new JsonArray(Link(queryUrl, "glossary", "https://icann.org/epp", "text/html")),
        });
        notices.Add(new JsonObject
        {
            ["title"] = "RDDS Inaccuracy Complaint Form",
            ["description"] = Lines("URL of the ICANN RDDS Inaccuracy Complaint Form: https://icann.org/wicf"),
            ["links"] = new JsonArray(Link(queryUrl, "help", "https://icann.org/wicf", "text/html")),
        });
        return notices;
    }

    private JsonObject TermsOfService(string queryUrl) => new()
    {
        ["title"] = "Terms of Use",
        ["description"] = Lines(
            "Registration data is provided for lawful purposes only, under the terms of service linked here.",
            "Access to non-public data requires accreditation, a declared purpose and legal basis, and is audited."),
        ["links"] = new JsonArray(Link(queryUrl, "terms-of-service", _options.TermsOfServiceUrl, "text/html")),
    };

    // RP 2024 Appendix E gives the JSONPath of each element; RFC 9537 §4.2 which member (pre/post/replacement) carries it.
    private static JsonObject Redacted(Redaction redaction, string root)
    {
        var (role, pathInEntity) = RedactedPath(redaction.Element);
        var entity = $"{root}.entities[?(@.roles[0]=='{role}')]";
        var node = new JsonObject { ["name"] = new JsonObject { ["type"] = redaction.Element.RedactedName() } };
        switch (redaction.Method)
        {
            case RedactionMethod.EmptyValue:
                node["postPath"] = entity + pathInEntity;
                break;
            case RedactionMethod.ReplacementValue when redaction.PseudonymKeyVersion is not null:
                // Replaced in place by its pseudonym (RFC 9537 §3.3 with postPath).
                node["postPath"] = entity + pathInEntity;
                break;
            case RedactionMethod.ReplacementValue:
                node["prePath"] = entity + pathInEntity;
                node["replacementPath"] = entity + ".vcardArray[1][?(@[0]=='contact-uri')]";
                break;
            default:
                node["prePath"] = entity + pathInEntity;
                break;
        }
        node["pathLang"] = "jsonpath";
        node["method"] = redaction.Method switch
        {
            RedactionMethod.EmptyValue => "emptyValue",
            RedactionMethod.ReplacementValue => "replacementValue",
            _ => "removal",
        };
        node["reason"] = new JsonObject
        {
            ["description"] = redaction.PseudonymKeyVersion is { } version
                ? $"Pseudonymised for this requestor's case (HMAC-SHA-256, key version {version})"
                : "Server policy: not disclosed to this requestor",
        };
        return node;
    }

    private static (string Role, string Path) RedactedPath(DataElement element) => element switch
    {
        DataElement.RegistryRegistrantId => (RegistrantRole, ".handle"),
        DataElement.RegistrantName => (RegistrantRole, ".vcardArray[1][?(@[0]=='fn')][3]"),
        DataElement.RegistrantStreet => (RegistrantRole, ".vcardArray[1][?(@[0]=='adr')][3][:3]"),
        DataElement.RegistrantCity => (RegistrantRole, ".vcardArray[1][?(@[0]=='adr')][3][3]"),
        DataElement.RegistrantPostalCode => (RegistrantRole, ".vcardArray[1][?(@[0]=='adr')][3][5]"),
        DataElement.RegistrantPhone or DataElement.RegistrantPhoneExt => (RegistrantRole, ".vcardArray[1][?(@[1].type=='voice')]"),
        DataElement.RegistrantFax or DataElement.RegistrantFaxExt => (RegistrantRole, ".vcardArray[1][?(@[1].type=='fax')]"),
        DataElement.RegistrantEmail => (RegistrantRole, ".vcardArray[1][?(@[0]=='email')]"),
        DataElement.RegistryTechId => (TechnicalRole, ".handle"),
        DataElement.TechName => (TechnicalRole, ".vcardArray[1][?(@[0]=='fn')][3]"),
        DataElement.TechPhone or DataElement.TechPhoneExt => (TechnicalRole, ".vcardArray[1][?(@[1].type=='voice')]"),
        DataElement.TechEmail => (TechnicalRole, ".vcardArray[1][?(@[0]=='email')]"),
        _ => throw new ArgumentOutOfRangeException(nameof(element), element, null),
    };

    private static JsonObject Link(string value, string rel, string href, string type) => new()
    {
        ["value"] = value,
        ["rel"] = rel,
        ["href"] = href,
        ["type"] = type,
    };

    private static JsonArray Lines(params string[] lines) => new([.. lines.Select(l => (JsonNode)l)]);

    private static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
