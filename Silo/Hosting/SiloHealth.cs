using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;

namespace Rds.Silo.Hosting;

/// <summary>
/// The silo's probes: <c>/healthz</c> while the process runs; <c>/readyz</c> while the silo is an active member of
/// its cluster (joined, not shutting down), so an orchestrator neither routes to it early nor restarts it for a slow join.
/// </summary>
internal static class SiloHealth
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    public static void MapSiloHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(LivenessPath, () => Results.Text("ok"));
        app.MapGet(ReadinessPath, (ISiloStatusOracle membership) => membership.CurrentStatus == SiloStatus.Active
            ? Results.Text("ready")
            : Results.Text($"not ready: {membership.CurrentStatus}", statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
