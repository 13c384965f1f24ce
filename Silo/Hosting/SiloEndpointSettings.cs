using System.Net;
using Microsoft.Extensions.Configuration;
using Rds.Hosting;

namespace Rds.Silo.Hosting;

/// <summary>Where this silo listens and what address it advertises to the cluster.</summary>
/// <param name="HealthPort">Port of <c>/healthz</c> and <c>/readyz</c> (<c>Orleans:HealthPort</c>); null serves none.</param>
internal sealed record SiloEndpointSettings(IPAddress AdvertisedAddress, int SiloPort, int GatewayPort, bool ListenOnAnyAddress, int? HealthPort = null)
{
    public static SiloEndpointSettings FromConfiguration(IConfiguration configuration)
    {
        var addressText = configuration["Orleans:AdvertisedIP"] ?? "127.0.0.1";
        if (!IPAddress.TryParse(addressText, out var address))
            throw new RdsConfigurationException($"'Orleans:AdvertisedIP' is not an IP address: '{addressText}'.");
        return new SiloEndpointSettings(
            address,
            Port(configuration, "Orleans:SiloPort", 11111),
            Port(configuration, "Orleans:GatewayPort", 30000),
            bool.TryParse(configuration["Orleans:ListenOnAnyAddress"], out var any) && any,
            configuration["Orleans:HealthPort"] is null ? null : Port(configuration, "Orleans:HealthPort", 0));
    }

    private static int Port(IConfiguration configuration, string key, int fallback)
    {
        var text = configuration[key];
        if (text is null)
            return fallback;
        return int.TryParse(text, out var port) && port is > 0 and < 65536
            ? port
            : throw new RdsConfigurationException($"'{key}' must be a TCP port number; it is '{text}'.");
    }
}
