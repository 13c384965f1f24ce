using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Rds.Hosting;

/// <summary>
/// Authenticates the service's own staff and machines by <c>Authorization: Bearer {key}</c>: one key per role (operators
/// manage data and requestors and open the dashboard, auditors read the audit log, scrapers read metrics), so none can
/// act as another. Digests are compared in constant time, so response time says nothing about how much of a guess was
/// right; keys are never logged. Shared by gateway and silo.
/// </summary>
internal sealed class StaffKeyHandler(IOptionsMonitor<StaffKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<StaffKeyOptions>(options, logger, encoder)
{
    public const string OperatorScheme = "OperatorKey";
    public const string OperatorRole = "operator";
    public const string AuditorScheme = "AuditorKey";
    public const string AuditorRole = "auditor";
    public const string ScraperScheme = "ScraperKey";
    public const string ScraperRole = "scraper";
    private const string BearerPrefix = "Bearer ";
    private const string BasicPrefix = "Basic ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (PresentedKey() is not { } key)
            return Task.FromResult(AuthenticateResult.NoResult());

        var expected = Options.ExpectedDigest();
        var presented = StaffKeyOptions.Digest(key);
        if (expected is null || !CryptographicOperations.FixedTimeEquals(expected, presented))
            return Task.FromResult(AuthenticateResult.Fail($"The {Options.Role} key is not valid."));

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, Options.Role), new Claim(ClaimTypes.Role, Options.Role)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    // A browser sends only Basic credentials by itself: where they are accepted (the dashboard), the key is the
    // password and the user name is ignored.
    private string? PresentedKey()
    {
        string? header = Request.Headers.Authorization;
        if (header is null)
            return null;
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return header[BearerPrefix.Length..].Trim();
        if (!Options.AcceptBasic || !header.StartsWith(BasicPrefix, StringComparison.OrdinalIgnoreCase))
            return null;
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header[BasicPrefix.Length..].Trim()));
            var colon = credentials.IndexOf(':');
            return colon >= 0 ? credentials[(colon + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // Basic makes a browser ask for the key; Bearer tells a program how to present it.
        Response.Headers.WWWAuthenticate = Options.AcceptBasic
            ? $"Basic realm=\"rds-{Options.Role}\", charset=\"UTF-8\""
            : $"Bearer realm=\"rds-{Options.Role}\"";
        return Options.WriteError(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            Options.AcceptBasic
                ? $"This endpoint requires the {Options.Role} key: Authorization: Bearer <key>, or the key as the password of Basic credentials."
                : $"This endpoint requires the {Options.Role} key: Authorization: Bearer <key>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Options.WriteError(Context, StatusCodes.Status403Forbidden, "Forbidden", $"This credential may not use {Options.Role} endpoints.");
}
