using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Rds.Audit;
using Rds.Gateway.Access;
using Rds.Gateway.Audit;
using Rds.Gateway.Rdap;
using Rds.Hosting;
using Rds.Requestors;

namespace Rds.Gateway.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer rds_{keyId}_{secret}</c>: the key id finds the key's grain, which compares
/// the token's SHA-256 in constant time. Whether the key is still valid for a request is the requestor grain's
/// decision (<see cref="Access.DisclosureAccessFilter"/>), so a revocation needs no cache to expire. Tokens are never logged.
/// </summary>
internal sealed class RequestorKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains,
    ApiKeyBindings bindings, AuditPublisher audit, TimeProvider clock, AccessMetrics metrics)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "RequestorKey";
    public const string TokenSchemeName = "RequestorToken";
    public const string RequestorClaim = "rds:requestor";
    public const string KeyClaim = "rds:key";
    public const string Challenge = "Bearer realm=\"rds\"";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null)
            return AuthenticateResult.NoResult();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || !ApiKeyTokens.TryReadKeyId(header[BearerPrefix.Length..].Trim(), out var keyId))
            return AuthenticateResult.Fail("The credential is not an API key.");

        var requestor = await bindings.ResolveAsync(keyId, ApiKeyTokens.Digest(header[BearerPrefix.Length..].Trim()));
        if (requestor is null)
        {
            // A real key id with a wrong secret may be someone trying keys: its owner's audit log shows it.
            if (await grains.GetGrain<IApiKeyGrain>(keyId).FailedAttemptAsync() is { } owner)
                await audit.PublishAsync(WrongSecret(owner, keyId));
            return AuthenticateResult.Fail("The API key is not valid.");
        }
        var identity = new ClaimsIdentity([new Claim(RequestorClaim, requestor), new Claim(KeyClaim, keyId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private AuditRecord WrongSecret(string owner, string keyId) => new()
    {
        RequestId = RequestIds.Current ?? Guid.NewGuid().ToString("N"),
        RequestorId = owner,
        KeyId = keyId,
        Query = $"{Request.Method} {Request.Path}{Request.QueryString}",
        Decision = AuditDecision.Unauthenticated,
        Reason = "the API key was presented with a wrong secret",
        ReceivedAt = clock.GetUtcNow(),
        DecidedAt = clock.GetUtcNow(),
    };

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The outcome is cached by then: a credential that failed, or none at all (a token or key alike, since every
        // requestor endpoint challenges this scheme).
        metrics.Denied((await HandleAuthenticateOnceSafeAsync()).Failure is null ? AccessDenial.NoCredential : AccessDenial.InvalidCredential);
        Response.Headers.WWWAuthenticate = Challenge;
        await RdapError.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "This endpoint requires an accredited requestor's API key: Authorization: Bearer rds_<key id>_<secret>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        RdapError.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden", "This credential may not use this endpoint.");
}
