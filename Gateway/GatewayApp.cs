using Microsoft.AspNetCore.Http.Features;
using OpenTelemetry.Metrics;
using Rds.Gateway.Access;
using Rds.Hosting;
using Rds.Gateway.Admin;
using Rds.Gateway.Audit;
using Rds.Gateway.Auth;
using Rds.Gateway.Benchmarks;
using Rds.Gateway.Hosting;
using Rds.Gateway.Pivots;
using Rds.Gateway.Rdap;
using Serilog;

namespace Rds.Gateway;

/// <summary>
/// Builds the gateway: a thin HTTP front that authenticates, parses, calls grains and renders RDAP. How it reaches
/// the cluster is passed in, so the host uses a real Orleans client and the tests an in-process cluster's.
/// </summary>
public static class GatewayApp
{
    public const string HttpPortEnvironmentVariable = "RDS_HTTP_PORT";
    private const int DefaultHttpPort = 5080;
    private const string RdapCorsPolicy = "rdap";
    private const long DefaultMaxBodyBytes = 1024 * 1024;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder> connectToCluster, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            var port = Environment.GetEnvironmentVariable(HttpPortEnvironmentVariable) is { Length: > 0 } text ? text : DefaultHttpPort.ToString();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = DefaultMaxBodyBytes);
        builder.Services.AddSerilog();

        builder.Services.AddOptions<RdapOptions>().BindConfiguration(RdapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddAuthentication()
            .AddScheme<StaffKeyOptions, StaffKeyHandler>(StaffKeyHandler.OperatorScheme,
                StaffKeyOptions.From(builder.Configuration, "Admin", "Operator", StaffKeyHandler.OperatorRole))
            .AddScheme<StaffKeyOptions, StaffKeyHandler>(StaffKeyHandler.AuditorScheme,
                StaffKeyOptions.From(builder.Configuration, "Audit", "Auditor", StaffKeyHandler.AuditorRole))
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, RequestorKeyHandler>(RequestorKeyHandler.SchemeName, _ => { })
            .AddRequestorTokens(builder.Configuration);
        // Staff keys' refusals are RDAP error bodies, like every other error the gateway answers.
        builder.Services.PostConfigureAll<StaffKeyOptions>(staff => staff.WriteError = (context, status, title, description) =>
            RdapError.WriteAsync(context, status, title, description));
        builder.Services.AddAuthorization();
        builder.AddRdsMetrics("gateway", metrics => metrics.AddAspNetCoreInstrumentation());
        builder.Services.AddSingleton<AccessMetrics>();
        // TIG 2024 §1.14: RDAP answers carry Access-Control-Allow-Origin: *.
        builder.Services.AddCors(cors => cors.AddPolicy(RdapCorsPolicy, policy => policy.AllowAnyOrigin().WithMethods("GET", "HEAD").AllowAnyHeader()));
        builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.AddSingleton<RdapRenderer>();
        builder.Services.AddSingleton<AuditPublisher>();
        builder.Services.AddSingleton<ApiKeyBindings>();
        builder.Services.AddSingleton<ObservationBatcher>();
        builder.Services.AddSingleton<SearchCursor>();
        builder.Services.AddSingleton<IngestionService>();

        connectToCluster(builder);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            // One id per request, from the caller's X-Request-Id if it is plain, into the logs, the grains and the audit.
            var id = RequestIds.Accept(context.Request.Headers[RequestIds.Header]);
            context.TraceIdentifier = id;
            context.Response.Headers[RequestIds.Header] = id;
            Orleans.Runtime.RequestContext.Set(RequestIds.ContextKey, id);
            using (Serilog.Context.LogContext.PushProperty("RequestId", id))
                await next();
        });
        // The request log wraps the exception handler, so it states the answer the client got (a cluster failure's
        // 503), not the exception on its way there. A 503 is a retriable outage, not a fault of the gateway.
        app.UseSerilogRequestLogging(logging =>
        {
            logging.MessageTemplate = "HTTP {RequestMethod} {RequestPath} answered {StatusCode} in {Elapsed:0.0} ms";
            logging.GetLevel = (context, _, failure) => failure is not null || context.Response.StatusCode == StatusCodes.Status500InternalServerError
                ? Serilog.Events.LogEventLevel.Error
                : context.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Warning : Serilog.Events.LogEventLevel.Information;
            // A host may give the gateway its own logger; otherwise the process-wide one.
            logging.Logger = app.Services.GetService<Serilog.ILogger>();
        });
        app.UseExceptionHandler();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/rdap"))
                context.Response.Headers.AccessControlAllowOrigin = "*";
            await next();
        });
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealth();
        app.MapRdsMetrics();
        app.MapRdap();
        app.MapPivots();
        app.MapCases();
        app.MapGroup("").MapAdmin();
        app.MapAudit();
        app.MapUngovernedLookups();
        return app;
    }
}
