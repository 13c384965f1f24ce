using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Rds.Requestors;

namespace Rds.Gateway.Auth;

/// <summary>
/// Bearer tokens from the configured issuer, as a second way for a registered requestor to authenticate. The token
/// names the requestor (<c>rds_requestor</c> or <c>sub</c>) and the purposes it allows (<c>rdap_allowed_purposes</c>);
/// the requestor must still be registered and accredited here, and a request's purpose must be in both.
/// </summary>
internal static class RequestorTokens
{
    public const string PurposeClaim = "rds:purpose";

    public static AuthenticationBuilder AddRequestorTokens(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var options = configuration.GetSection(RequestorTokenOptions.Section).Get<RequestorTokenOptions>() ?? new RequestorTokenOptions();
        // Without an issuer the scheme still exists, so that policies can name it, and recognises nothing.
        if (string.IsNullOrWhiteSpace(options.Issuer))
            return authentication.AddScheme<AuthenticationSchemeOptions, NoTokens>(RequestorKeyHandler.TokenSchemeName, _ => { });
        if (string.IsNullOrWhiteSpace(options.Audience) || string.IsNullOrWhiteSpace(options.Authority) == string.IsNullOrWhiteSpace(options.SigningKey))
            throw new InvalidOperationException($"{RequestorTokenOptions.Section}: with an Issuer, set an Audience and exactly one of Authority or SigningKey.");

        return authentication.AddJwtBearer(RequestorKeyHandler.TokenSchemeName, jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.Authority = options.Authority;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKey = options.SigningKey is { Length: > 0 } key ? new SymmetricSecurityKey(Convert.FromBase64String(key)) : null,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            jwt.Events = new JwtBearerEvents
            {
                OnTokenValidated = context => Identify(context),
                // The API key scheme answers the challenge with the RDAP error body; one answer is enough.
                OnChallenge = context =>
                {
                    context.HandleResponse();
                    return Task.CompletedTask;
                },
            };
        });
    }

    // Maps the token's claims onto the ones the access filter reads, or rejects a token that names no valid requestor.
    private static Task Identify(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var requestor = principal.FindFirst(RequestorTokenOptions.RequestorIdClaim)?.Value ?? principal.FindFirst("sub")?.Value;
        if (requestor is null || !Admin.RequestorProfileParser.IsValidId(requestor))
        {
            context.Fail("The token names no requestor.");
            return Task.CompletedTask;
        }
        var purposes = principal.FindAll(RequestorTokenOptions.PurposesClaim).Select(claim => claim.Value)
            .Where(name => RdapPurposes.TryParse(name, out _)).Select(name => new Claim(PurposeClaim, name));
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(RequestorKeyHandler.RequestorClaim, requestor), new Claim(RequestorKeyHandler.KeyClaim, RequestorCredentials.Token), .. purposes],
            RequestorKeyHandler.TokenSchemeName));
        return Task.CompletedTask;
    }

    private sealed class NoTokens(Microsoft.Extensions.Options.IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, System.Text.Encodings.Web.UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

        protected override Task HandleChallengeAsync(AuthenticationProperties properties) => Task.CompletedTask;

        protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Task.CompletedTask;
    }
}
