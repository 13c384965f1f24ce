namespace Rds.Gateway.Auth;

/// <summary>
/// The identity provider whose bearer tokens (OAuth 2.0 client credentials, in the spirit of RFC 9560) identify
/// requestors: <c>Access:Jwt:Issuer</c>, <c>Access:Jwt:Audience</c>, and either <c>Access:Jwt:Authority</c> (keys
/// by OpenID discovery) or <c>Access:Jwt:SigningKey</c> (a base64 HMAC key, for a private issuer). Unset: no tokens.
/// </summary>
public sealed class RequestorTokenOptions
{
    public const string Section = "Access:Jwt";

    /// <summary>Claim naming the requestor id; <c>sub</c> when absent.</summary>
    public const string RequestorIdClaim = "rds_requestor";

    /// <summary>RFC 9560 §4.1 claim listing the purposes the token allows.</summary>
    public const string PurposesClaim = "rdap_allowed_purposes";

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    public string? Authority { get; set; }

    public string? SigningKey { get; set; }
}
