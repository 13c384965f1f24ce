using Microsoft.Extensions.Options;
using Rds.Gateway.Auth;
using Rds.Gateway.Rdap;
using Rds.Requestors;

namespace Rds.Gateway.Access;

/// <summary>
/// Runs after authentication on every data endpoint: the request must state its purpose, legal basis, case,
/// justification, evidence, elements and the current agreement (400 naming each missing item), and the requestor
/// must be allowed to ask it (403 with the reason). Only then does the endpoint run, with the granted disclosure.
/// </summary>
internal sealed class DisclosureAccessFilter(IGrainFactory grains, IOptions<AccessOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var (access, errors) = AccessHeaders.Parse(context.Request.Headers);
        if (access is null)
            return RdapError.BadRequest(["Every request must state why it needs the data; see /rdap/help.", .. errors]);
        if (access.AgreementVersion != options.Value.AgreementVersion)
            return RdapError.Result(StatusCodes.Status403Forbidden, "Forbidden",
                $"The current user agreement is version {options.Value.AgreementVersion}; accept it and state it in {AccessHeaders.Agreement}.");

        var requestorId = context.User.FindFirst(RequestorKeyHandler.RequestorClaim)!.Value;
        var keyId = context.User.FindFirst(RequestorKeyHandler.KeyClaim)!.Value;
        var decision = await grains.GetGrain<IRequestorGrain>(requestorId).AuthorizeAsync(keyId, access);
        switch (decision.Outcome)
        {
            case AccessOutcome.UnknownKey:
                context.Response.Headers.WWWAuthenticate = RequestorKeyHandler.Challenge;
                return RdapError.Result(StatusCodes.Status401Unauthorized, "Unauthorized", decision.Reason!);
            case AccessOutcome.Refused:
                return RdapError.Result(StatusCodes.Status403Forbidden, "Forbidden", decision.Reason!);
        }
        new DisclosureGrant(requestorId, keyId, access, decision.Disclosure!).AttachTo(context);
        return await next(invocation);
    }
}
