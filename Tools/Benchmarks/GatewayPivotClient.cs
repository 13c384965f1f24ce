using System.Buffers;
using System.IO.Pipelines;
using System.Net.Http.Json;
using System.Text;
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
        var reader = PipeReader.Create(stream);
        var lines = new AnswerLines();
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end);
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                if (lines.Read(line) is { } outcome)
                {
                    await reader.CompleteAsync();
                    return outcome;
                }
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
                break;
        }

        await reader.CompleteAsync();
        throw new InvalidDataException("The pivot answer ended without an end event.");
    }

    // Each line is read in place with Utf8JsonReader rather than parsed into a document: a wide pivot answers tens of
    // thousands of lines, and this client's parsing is part of the timing.
    private sealed class AnswerLines
    {
        private readonly Dictionary<string, int> _hops = new(StringComparer.Ordinal);
        private int _attributes;
        private int _overCap;

        /// <summary>The outcome once the end line is read; null before.</summary>
        public PivotOutcome? Read(ReadOnlySequence<byte> line)
        {
            string? type = null, domain = null, reason = null, message = null;
            int hop = 0;
            var overCap = false;
            var json = new Utf8JsonReader(line);
            var depth = 0;
            while (json.Read())
            {
                switch (json.TokenType)
                {
                    case JsonTokenType.StartObject:
                        depth++;
                        continue;
                    case JsonTokenType.EndObject:
                        depth--;
                        continue;
                    case JsonTokenType.PropertyName when depth == 1:
                        break;
                    default:
                        continue;
                }

                if (json.ValueTextEquals("type"u8)) { json.Read(); type = LineType(ref json); }
                else if (json.ValueTextEquals("domain"u8)) { json.Read(); domain = json.GetString(); }
                else if (json.ValueTextEquals("hop"u8)) { json.Read(); hop = json.GetInt32(); }
                else if (json.ValueTextEquals("overCap"u8)) { json.Read(); overCap = json.TokenType == JsonTokenType.True; }
                else if (json.ValueTextEquals("reason"u8)) { json.Read(); reason = json.GetString(); }
                else if (json.ValueTextEquals("message"u8)) { json.Read(); message = json.GetString(); }
            }

            switch (type)
            {
                case "domain":
                    // A domain reported twice keeps its first hop; the agreement check then shows any hop mismatch.
                    _hops.TryAdd(domain ?? "", hop);
                    break;
                case "attribute":
                    _attributes++;
                    _overCap += overCap ? 1 : 0;
                    break;
                case "error":
                    throw new InvalidDataException($"The pivot answer reported an error: {message ?? Encoding.UTF8.GetString(line)}");
                case "end":
                    return new PivotOutcome(_hops, _attributes, _overCap, reason ?? "");
                default:
                    break;
            }

            return null;
        }

        // The known types are compared in place and answered with constants: one string fewer per line.
        private static string? LineType(ref Utf8JsonReader json) =>
            json.ValueTextEquals("domain"u8) ? "domain"
            : json.ValueTextEquals("attribute"u8) ? "attribute"
            : json.ValueTextEquals("end"u8) ? "end"
            : json.GetString();
    }
}
