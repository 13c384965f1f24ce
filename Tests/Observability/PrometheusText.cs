using System.Globalization;
using System.Text;

namespace Rds.Tests.Observability;

/// <summary>Reads the samples of a Prometheus text exposition (format 0.0.4), so tests assert on names, labels and values rather than on substrings.</summary>
internal static class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            var nameEnd = line.IndexOfAny(['{', ' ']);
            var name = line[..nameEnd];
            var labels = new Dictionary<string, string>();
            var at = nameEnd;
            if (line[at] == '{')
            {
                at++;
                while (line[at] != '}')
                {
                    var equals = line.IndexOf('=', at);
                    var label = line[at..equals];
                    var value = new StringBuilder();
                    at = equals + 2;
                    for (; line[at] != '"'; at++)
                        value.Append(line[at] == '\\' ? Unescape(line[++at]) : line[at]);
                    labels[label] = value.ToString();
                    at++;
                    if (line[at] == ',')
                        at++;
                }
                at++;
            }
            var valueText = line[(at + 1)..].Split(' ')[0];
            samples.Add(new PrometheusSample(name, labels, double.Parse(valueText, CultureInfo.InvariantCulture)));
        }
        return samples;
    }

    private static char Unescape(char escaped) => escaped == 'n' ? '\n' : escaped;
}
