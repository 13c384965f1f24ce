using System.CommandLine;
using System.Net.Http.Headers;

namespace Rds.Tools.Commands;

/// <summary>
/// <c>--headers FILE</c>: the requestor's credential and statement of purpose that every data request to the gateway
/// carries, one <c>Name: value</c> per line (the format of <c>curl -H @FILE</c>); a lookup load may name several
/// requestors, one block each, separated by blank lines. Defaults to the file named by RDS_REQUEST_HEADERS, so that
/// the keys stay off the command line.
/// </summary>
internal static class RequestHeadersOption
{
    public const string Variable = "RDS_REQUEST_HEADERS";

    public static Option<FileInfo?> Create() => new("--headers")
    {
        Description = $"File of request headers (Authorization and the RDS-* statement), one 'Name: value' per line (default: ${Variable}).",
    };

    /// <summary>The headers of the file given, or of the file RDS_REQUEST_HEADERS names; none when neither is set.</summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, string>>> ReadAsync(FileInfo? file, CancellationToken cancellationToken) =>
        (await ReadRequestorsAsync(file, cancellationToken)).FirstOrDefault() ?? [];

    /// <summary>
    /// One set of headers per requestor: the file may hold several, separated by blank lines, for a load spread over
    /// several requestors. At least one set (empty when no file is given).
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>> ReadRequestorsAsync(FileInfo? file, CancellationToken cancellationToken)
    {
        var path = file?.FullName ?? Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(path))
            return [[]];
        var requestors = new List<IReadOnlyList<KeyValuePair<string, string>>>();
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in (await File.ReadAllLinesAsync(path, cancellationToken)).Append(""))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                if (headers.Count > 0)
                    requestors.Add(headers);
                headers = [];
                continue;
            }
            var colon = line.IndexOf(':');
            if (line.TrimStart().StartsWith('#') || colon <= 0)
                continue;
            headers.Add(KeyValuePair.Create(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }
        return requestors.Count > 0 ? requestors : [[]];
    }

    public static void ApplyTo(HttpRequestHeaders target, IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
            target.TryAddWithoutValidation(name, value);
    }
}
