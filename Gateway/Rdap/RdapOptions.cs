using System.ComponentModel.DataAnnotations;

namespace Rds.Gateway.Rdap;

/// <summary>Policy links and texts the RDAP responses carry (TIG 2024 §3.3, RP 2024 §2.6.3, §2.10, §2.7.8).</summary>
public sealed class RdapOptions
{
    public const string Section = "Rdap";

    /// <summary>The service's terms of service page (TIG §3.3).</summary>
    [Required, Url] public string TermsOfServiceUrl { get; set; } = "https://rds.example/terms";

    /// <summary>Usage and policy documentation linked from help (TIG §3.4).</summary>
    [Required, Url] public string HelpDocumentUrl { get; set; } = "https://rds.example/help";

    /// <summary>
    /// Base of the web form that replaces a withheld email (RP §2.7.8.2: a contact-uri instead of the email);
    /// the domain and role are appended: {base}/{domain}/{role}.
    /// </summary>
    [Required, Url] public string ContactFormBaseUrl { get; set; } = "https://rds.example/contact";

    /// <summary>Base64 key that signs search cursors; several gateways behind one name must share it.</summary>
    public string? CursorKey { get; set; }

    /// <summary>Results per page of a search.</summary>
    [Range(1, 1000)] public int SearchPageSize { get; set; } = 50;
}
