using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using Rds.Hosting;

namespace Rds.Silo.Hosting;

/// <summary>
/// The Orleans Dashboard, on the silo's health port under <see cref="Path"/> when <c>Dashboard:Enabled</c> is true. It
/// shows grain state, registration data and requestors' cases among it, so only operators may open it: the operator
/// key (<c>Admin:OperatorKeySha256</c>) as a bearer token or as the password a browser asks for. Only a local run sets
/// <c>Dashboard:AllowAnonymous</c>.
/// </summary>
internal static class SiloDashboard
{
    public const string Path = "/dashboard";
    public const string EnabledKey = "Dashboard:Enabled";
    public const string AllowAnonymousKey = "Dashboard:AllowAnonymous";

    /// <summary>
    /// Whether the dashboard is on and, if so, that operators can get in: a dashboard nobody may open is a configuration
    /// mistake, so it stops the silo at start with the key to set.
    /// </summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        if (!Flag(configuration, EnabledKey))
            return false;
        if (Flag(configuration, AllowAnonymousKey))
            return true;
        var operatorKey = new StaffKeyOptions();
        OperatorKey(configuration)(operatorKey);
        byte[]? digest;
        try
        {
            digest = operatorKey.ExpectedDigest();
        }
        catch (FormatException)
        {
            digest = [];
        }
        if (digest is null)
            throw new RdsConfigurationException(
                $"'{EnabledKey}' is true but no operator may open the dashboard: set 'Admin:OperatorKeySha256' (hex SHA-256 of the operator key), or '{AllowAnonymousKey}' on a local run.");
        if (digest.Length != System.Security.Cryptography.SHA256.HashSizeInBytes)
            throw new RdsConfigurationException("'Admin:OperatorKeySha256' is not a hex SHA-256 digest (64 hex digits).");
        return true;
    }

    /// <summary>Adds the dashboard's services to the silo (its grain service and a call profiler on every grain call) and the operator key that guards it.</summary>
    public static ISiloBuilder AddSiloDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddDashboard();
        silo.Services.AddAuthentication().AddScheme<StaffKeyOptions, StaffKeyHandler>(StaffKeyHandler.OperatorScheme, OperatorKey(configuration));
        return silo;
    }

    public static void MapSiloDashboard(this WebApplication app)
    {
        var dashboard = app.MapOrleansDashboard(routePrefix: Path);
        if (!Flag(app.Configuration, AllowAnonymousKey))
            dashboard.RequireAuthorization(policy => policy.AddAuthenticationSchemes(StaffKeyHandler.OperatorScheme).RequireRole(StaffKeyHandler.OperatorRole));
    }

    private static Action<StaffKeyOptions> OperatorKey(IConfiguration configuration) => options =>
    {
        StaffKeyOptions.From(configuration, "Admin", "Operator", StaffKeyHandler.OperatorRole)(options);
        options.AcceptBasic = true;
    };

    private static bool Flag(IConfiguration configuration, string key) => bool.TryParse(configuration[key], out var on) && on;
}
