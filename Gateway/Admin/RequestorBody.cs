namespace Rds.Gateway.Admin;

/// <summary>The JSON an operator sends to register a requestor (<c>PUT /admin/requestors/{id}</c>).</summary>
internal sealed record RequestorBody
{
    public string? Name { get; init; }

    /// <summary>cert, csirt, securityVendor, lawEnforcement or researcher.</summary>
    public string? Kind { get; init; }

    public string? AccreditingBody { get; init; }

    public DateTimeOffset? AccreditedUntil { get; init; }

    /// <summary>RFC 9560 purpose → the Appendix E names of the non-public elements allowed for it (may be empty).</summary>
    public Dictionary<string, string[]?>? Purposes { get; init; }

    /// <summary>Optional; each missing member takes its default.</summary>
    public QuotasBody? Quotas { get; init; }

    /// <summary>Whether contact data is replaced by keyed pseudonyms; true unless set to false.</summary>
    public bool? Pseudonymise { get; init; }
}

internal sealed record QuotasBody
{
    public int? RequestsPerMinute { get; init; }

    public int? Burst { get; init; }

    public int? RecordsPerDay { get; init; }

    public int? PivotsPerCasePerDay { get; init; }
}
