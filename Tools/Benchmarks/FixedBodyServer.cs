using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// The lookup baseline: Kestrel on a loopback port the OS picks, answering the RDAP domain route with a fixed JSON
/// body of a given size. It measures what HTTP, routing and the client cost on this machine without grains or rendering.
/// </summary>
internal sealed class FixedBodyServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private FixedBodyServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<FixedBodyServer> StartAsync(int bodyBytes, CancellationToken cancellationToken)
    {
        var body = Body(bodyBytes);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/rdap/domain/{**name}", () => Results.Bytes(body, "application/rdap+json"));
        await app.StartAsync(cancellationToken);
        return new FixedBodyServer(app, new Uri(app.Urls.Single()));
    }

    /// <summary>A JSON object of exactly <paramref name="bytes"/> bytes (or the smallest one, if fewer are asked for).</summary>
    internal static byte[] Body(int bytes)
    {
        const string Prefix = "{\"objectClassName\":\"domain\",\"padding\":\"";
        const string Suffix = "\"}";
        var padding = Math.Max(0, bytes - Prefix.Length - Suffix.Length);
        return Encoding.UTF8.GetBytes(Prefix + new string('x', padding) + Suffix);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
