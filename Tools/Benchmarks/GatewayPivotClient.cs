using System.Net.Http.Json;
using System.Text.Json;
using Rds.Pivots;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// Runs a pivot through the gateway (<c>POST /pivots</c>) and reads its NDJSON answer to the end: the Orleans engine
/// of <c>bench pivot</c>. The timing includes streaming every event to this process, as a client would see it.
/// </summary>
internal sealed class GatewayPivotClient(HttpClient http, Uri gateway)
{
    public async Task<PivotOutcome> RunAsync(PivotRequest request, CancellationToken cancellationToken)
    {
        var body = new
        {
            seedDomains = request.SeedDomains,
            follow = request.Follow.Select(kind => kind.ToString()).Order(StringComparer.Ordinal).ToArray(),
            maxDepth = request.MaxDepth,
            maxDomains = request.MaxDomains,
            fanOutCap = request.FanOutCap,
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri($"{gateway.AbsoluteUri.TrimEnd('/')}/pivots")) { Content = JsonContent.Create(body) };
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"POST /pivots answered {(int)response.StatusCode}: {error}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream);
        var hops = new Dictionary<string, int>(StringComparer.Ordinal);
        int attributes = 0, overCap = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            switch (root.GetProperty("type").GetString())
            {
                case "domain":
                    // A domain reported twice keeps its first hop; the agreement check then shows any hop mismatch.
                    hops.TryAdd(root.GetProperty("domain").GetString() ?? "", root.GetProperty("hop").GetInt32());
                    break;
                case "attribute":
                    attributes++;
                    overCap += root.TryGetProperty("overCap", out var flag) && flag.GetBoolean() ? 1 : 0;
                    break;
                case "error":
                    throw new InvalidDataException($"The pivot answer reported an error: {(root.TryGetProperty("message", out var text) ? text.GetString() : line)}");
                case "end":
                    return new PivotOutcome(hops, attributes, overCap, root.TryGetProperty("reason", out var reason) ? reason.GetString() ?? "" : "");
                default:
                    break;
            }
        }

        throw new InvalidDataException("The pivot answer ended without an end event.");
    }
}
