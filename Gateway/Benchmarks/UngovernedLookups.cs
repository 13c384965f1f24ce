using Rds.Disclosure;
using Rds.Gateway.Rdap;

namespace Rds.Gateway.Benchmarks;

/// <summary>
/// Benchmark-only: with <c>Benchmark:UngovernedLookups=true</c> the gateway also answers
/// <c>GET /bench/ungoverned/domain/{name}</c> with the public view of a domain (no non-public element, the same
/// grain call, disclosure function and rendering as a lookup) but without authentication, access decision, quota or
/// audit, so a benchmark can price governance against it in one run. Off unless set; the gateway warns at start when
/// it is on, and nothing but the benchmark scripts sets it.
/// </summary>
internal static class UngovernedLookups
{
    public const string Setting = "Benchmark:UngovernedLookups";
    public const string Path = "/bench/ungoverned/domain";

    public static void MapUngovernedLookups(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting))
            return;
        app.Logger.LogWarning("{Setting} is on: {Path} answers public lookups with no authentication, quota or audit. Benchmarks only.", Setting, Path);
        app.MapGet(Path + "/{name}", async (string name, HttpContext context, IGrainFactory grains, RdapRenderer renderer) =>
            RdapEndpoints.InvalidDomainName(name, out var aLabel) is { } invalid
                ? invalid
                : await RdapEndpoints.AnswerDomainAsync(aLabel, DisclosureRequest.Public, context, grains, renderer));
    }
}
