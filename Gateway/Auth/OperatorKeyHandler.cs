using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Rds.Gateway.Rdap;

namespace Rds.Gateway.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer {operator key}</c>. Digests are compared in constant time, so response
/// time says nothing about how much of a guess was right; the key is never logged.
/// </summary>
internal sealed class OperatorKeyHandler(IOptionsMonitor<OperatorKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<OperatorKeyOptions>(options, logger, encoder)
{
    public const string SchemeName = "OperatorKey";
    public const string OperatorRole = "operator";
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(AuthenticateResult.NoResult());

        var expected = Options.ExpectedDigest();
        var presented = OperatorKeyOptions.Digest(header[BearerPrefix.Length..].Trim());
        if (expected is null || !CryptographicOperations.FixedTimeEquals(expected, presented))
            return Task.FromResult(AuthenticateResult.Fail("The operator key is not valid."));

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator"), new Claim(ClaimTypes.Role, OperatorRole)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"rds-admin\"";
        return RdapError.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "This endpoint requires an operator key: Authorization: Bearer <key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        RdapError.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This credential may not use operator endpoints.");
}
