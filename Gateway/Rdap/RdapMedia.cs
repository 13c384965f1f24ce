namespace Rds.Gateway.Rdap;

/// <summary>RDAP's media type and the conformance identifiers this server declares.</summary>
internal static class RdapMedia
{
    public const string ContentType = "application/rdap+json";

    /// <summary>RFC 9083 §4.1 level, ICANN TIG §1.3 and RP §1.2 profiles; every response carries these.</summary>
    public static readonly string[] BaseConformance =
        ["rdap_level_0", "icann_rdap_technical_implementation_guide_1", "icann_rdap_response_profile_1"];

    /// <summary>RFC 9537 §4.1: declared when a response carries a <c>redacted</c> member.</summary>
    public const string RedactedExtension = "redacted";

    /// <summary>RFC 8977 §2: declared when a response carries <c>paging_metadata</c>.</summary>
    public const string PagingExtension = "paging";

    /// <summary>RFC 9536 §4: declared by help (with <c>reverse_search_properties</c>) and by reverse search results.</summary>
    public const string ReverseSearchExtension = "reverse_search";
}
