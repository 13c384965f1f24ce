using System.Collections.Immutable;
using Rds.Attributes;
using Rds.Grains.Attributes;
using Rds.Pivots;
using Rds.Registrations;

namespace Rds.Tests.Pivots;

/// <summary>
/// An independent pivot over plain dictionaries built from the records themselves (no index, no grains), with the
/// documented semantics and order: the answer a correct pivot grain must give, event for event.
/// </summary>
internal sealed class BreadthFirstOracle
{
    private readonly Dictionary<string, ImmutableHashSet<AttributeValue>> _attributesOf = new(StringComparer.Ordinal);
    private readonly Dictionary<AttributeValue, SortedSet<string>> _domainsOf = [];

    public BreadthFirstOracle(IEnumerable<RegistrationRecord> records)
    {
        foreach (var record in records)
        {
            var values = RecordAttributes.Of(record);
            _attributesOf[record.DomainName] = values;
            foreach (var value in values)
            {
                if (!_domainsOf.TryGetValue(value, out var domains))
                    _domainsOf[value] = domains = new SortedSet<string>(StringComparer.Ordinal);
                domains.Add(record.DomainName);
            }
        }
    }

    public IReadOnlyCollection<string> Domains => _attributesOf.Keys;

    public ImmutableHashSet<AttributeValue> AttributesOf(string domain) => _attributesOf[domain];

    public List<PivotEvent> Run(PivotRequest request)
    {
        var events = new List<PivotEvent>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var met = new HashSet<AttributeValue>();
        var frontier = new List<string>();
        foreach (var seed in request.SeedDomains.Distinct())
        {
            if (!_attributesOf.ContainsKey(seed) || !seen.Add(seed))
                continue;
            frontier.Add(seed);
            events.Add(new PivotEvent { Kind = PivotEventKind.Domain, Hop = 0, Domain = seed });
            if (seen.Count >= request.MaxDomains)
                return End(events, 0, "maxDomains");
        }
        for (var hop = 0; hop < request.MaxDepth; hop++)
        {
            var toMeet = (hop == 0 ? request.SeedAttributes : [])
                .Concat(frontier.SelectMany(domain => _attributesOf[domain]).Where(value => request.Follow.Contains(value.Kind)))
                .Where(met.Add)
                .OrderBy(value => value.Kind).ThenBy(value => value.Value, StringComparer.Ordinal)
                .ToArray();
            var found = new List<string>();
            foreach (var value in toMeet)
            {
                var count = _domainsOf.TryGetValue(value, out var members) ? members.Count : 0;
                events.Add(new PivotEvent { Kind = PivotEventKind.Attribute, Hop = hop, Attribute = value, Count = count, OverCap = count > request.FanOutCap });
            }
            foreach (var value in toMeet)
            {
                if (!_domainsOf.TryGetValue(value, out var members) || members.Count > request.FanOutCap)
                    continue;
                foreach (var domain in members)
                {
                    if (!seen.Add(domain))
                        continue;
                    found.Add(domain);
                    events.Add(new PivotEvent { Kind = PivotEventKind.Domain, Hop = hop + 1, Domain = domain, Attribute = value });
                    if (seen.Count >= request.MaxDomains)
                        return End(events, hop + 1, "maxDomains");
                }
            }
            if (found.Count == 0)
                return End(events, hop + 1, "complete");
            frontier = found;
        }
        return End(events, request.MaxDepth, "maxDepth");
    }

    private static List<PivotEvent> End(List<PivotEvent> events, int hop, string reason)
    {
        events.Add(new PivotEvent { Kind = PivotEventKind.End, Hop = hop, StopReason = reason });
        return events;
    }
}
