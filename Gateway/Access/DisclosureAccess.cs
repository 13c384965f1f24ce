using Rds.Gateway.Auth;

namespace Rds.Gateway.Access;

internal static class DisclosureAccess
{
    /// <summary>Data endpoints: an accredited requestor's API key, then the stated and allowed purpose of the request.</summary>
    public static TBuilder RequireDisclosureAccess<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(policy => policy
            .AddAuthenticationSchemes(RequestorKeyHandler.TokenSchemeName, RequestorKeyHandler.SchemeName)
            .RequireClaim(RequestorKeyHandler.RequestorClaim));
        builder.AddEndpointFilter<TBuilder, DisclosureAccessFilter>();
        return builder;
    }
}
