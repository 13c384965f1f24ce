using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Rds.Gateway.Rdap;

namespace Rds.Gateway.Auth;

/// <summary>
/// Authenticates the service's own staff by <c>Authorization: Bearer {key}</c>: one key per role (operators manage
/// data and requestors, auditors read the audit log), so neither can act as the other. Digests are compared in
/// constant time, so response time says nothing about how much of a guess was right; keys are never logged.
/// </summary>
internal sealed class StaffKeyHandler(IOptionsMonitor<StaffKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<StaffKeyOptions>(options, logger, encoder)
{
    public const string OperatorScheme = "OperatorKey";
    public const string OperatorRole = "operator";
    public const string AuditorScheme = "AuditorKey";
    public const string AuditorRole = "auditor";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());

        var expected = Options.ExpectedDigest();
        var presented = StaffKeyOptions.Digest(header[BearerPrefix.Length..].Trim());
        if (expected is null || !CryptographicOperations.FixedTimeEquals(expected, presented))
            return Task.FromResult(AuthenticateResult.Fail($"The {Options.Role} key is not valid."));

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Options.Role), new Claim(ClaimTypes.Role, Options.Role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"Bearer realm=\"rds-{Options.Role}\"";
        return RdapError.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            $"This endpoint requires the {Options.Role} key: Authorization: Bearer <key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        RdapError.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", $"This credential may not use {Options.Role} endpoints.");
}
