using Rds.Attributes;
using Rds.Pivots;
using Rds.Registrations;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// The domain–attribute graph of a registry in plain dictionaries, both ways: the in-process baseline of
/// <c>bench pivot</c> and the rows it loads into PostgreSQL.
/// </summary>
internal sealed class PivotGraph : IPivotSource
{
    private readonly Dictionary<string, AttributeValue[]> attributesByDomain = new(StringComparer.Ordinal);
    private readonly Dictionary<AttributeValue, List<string>> domainsByAttribute = [];

    public int Domains => attributesByDomain.Count;

    public long Edges { get; private set; }

    /// <summary>The domains in file order (first appearance), by their normalised names.</summary>
    public IEnumerable<string> DomainNames => attributesByDomain.Keys;

    public IEnumerable<KeyValuePair<string, AttributeValue[]>> AttributesByDomain => attributesByDomain;

    /// <summary>
    /// The graph of the records as the gateway stores them: normalised first (so names are the grains' keys), and
    /// records that do not normalise skipped, as the import rejects them.
    /// </summary>
    public static PivotGraph From(IEnumerable<string> ndjsonLines)
    {
        var graph = new PivotGraph();
        foreach (var line in ndjsonLines)
        {
            var parsed = RegistrationJson.Deserialize(line) ?? throw new InvalidDataException("A line of the registry file is not a record.");
            if (RegistrationNormalizer.Normalize(parsed).Record is { } record)
            {
                graph.Add(record.DomainName, RecordAttributes.Of(record));
            }
        }

        return graph;
    }

    /// <summary>Adds or replaces a domain (a later line for the same name wins, as in the import).</summary>
    public void Add(string domain, IReadOnlySet<AttributeValue> attributes)
    {
        if (attributesByDomain.Remove(domain, out var previous))
        {
            foreach (var attribute in previous)
            {
                domainsByAttribute[attribute].Remove(domain);
            }

            Edges -= previous.Length;
        }

        var values = attributes.ToArray();
        attributesByDomain[domain] = values;
        foreach (var attribute in values)
        {
            if (!domainsByAttribute.TryGetValue(attribute, out var members))
            {
                domainsByAttribute[attribute] = members = [];
            }

            members.Add(domain);
        }

        Edges += values.Length;
    }

    public Task<IReadOnlyList<PivotExpansion>> ExpandAsync(
        IReadOnlyList<string> frontier, PivotRequest request, IReadOnlySet<AttributeValue> met, CancellationToken cancellationToken)
    {
        var expansions = new List<PivotExpansion>();
        var seen = new HashSet<AttributeValue>();
        foreach (var domain in frontier)
        {
            if (!attributesByDomain.TryGetValue(domain, out var attributes))
            {
                continue;
            }

            foreach (var attribute in attributes)
            {
                if (request.Follow.Contains(attribute.Kind) && !met.Contains(attribute) && seen.Add(attribute))
                {
                    var members = domainsByAttribute[attribute];
                    expansions.Add(new PivotExpansion(attribute, members.Count, members.Count > request.FanOutCap ? null : members));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<PivotExpansion>>(expansions);
    }
}
