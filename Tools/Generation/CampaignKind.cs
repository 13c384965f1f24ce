namespace Rds.Tools.Generation;

/// <summary>How a planted campaign's domains are linked, i.e. which pivot finds them all.</summary>
internal enum CampaignKind
{
    /// <summary>One registrant email (and phone, often organisation) on every domain.</summary>
    SharedEmail,

    /// <summary>Emails rotate through a small pool; the organisation stays.</summary>
    RotatingEmailsSharedOrganization,

    /// <summary>Emails and names rotate; the phone number stays.</summary>
    RotatingEmailsSharedPhone,

    /// <summary>Registrant hidden behind the privacy service; only the dedicated nameservers link the domains.</summary>
    PrivacyProxiedSharedNameservers,
}
