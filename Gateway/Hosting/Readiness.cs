using Rds.Gateway.Rdap;

namespace Rds.Gateway.Hosting;

/// <summary>
/// <c>/readyz</c>: ready when the cluster answers a call within a short deadline, so a load balancer stops sending
/// requests to a gateway that cannot reach any silo. <c>/healthz</c> only says the process is alive.
/// </summary>
internal static class Readiness
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(LivenessPath, () => Results.Text("ok"));
        app.MapGet(ReadinessPath, async (IGrainFactory grains, CancellationToken aborted) =>
        {
            try
            {
                var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(Deadline, aborted);
                return hosts.Count > 0
                    ? Results.Text($"ready: {hosts.Count} silo(s)")
                    : RdapError.Unavailable("No silo is active in the cluster.");
            }
            catch (Exception failure) when (failure is TimeoutException or OrleansException or OperationCanceledException or InvalidOperationException)
            {
                return RdapError.Unavailable("The cluster does not answer.");
            }
        });
    }
}
