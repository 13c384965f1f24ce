using System.Collections.Immutable;
using Rds.Registrations;

namespace Rds.Attributes;

/// <summary>
/// The attribute values a registration record enters, normalised; values that do not normalise index nothing. One
/// definition for the silo's index and for the benchmarks' baselines, so both traverse the same graph.
/// </summary>
public static class RecordAttributes
{
    public static ImmutableHashSet<AttributeValue> Of(RegistrationRecord? record)
    {
        if (record is null)
            return [];
        var values = ImmutableHashSet.CreateBuilder<AttributeValue>();
        void Add(AttributeKind kind, string? raw)
        {
            if (raw is not null && AttributeNormalizer.TryNormalize(kind, raw, out var value, out _))
                values.Add(value);
        }
        foreach (var nameserver in record.Nameservers)
        {
            Add(AttributeKind.NameserverName, nameserver.Name);
            foreach (var address in nameserver.Ipv4.Concat(nameserver.Ipv6))
                Add(AttributeKind.NameserverIp, address);
        }
        Add(AttributeKind.RegistrantEmail, record.Registrant?.Email);
        Add(AttributeKind.RegistrantOrganization, record.Registrant?.Organization);
        Add(AttributeKind.RegistrantPhone, record.Registrant?.Phone);
        Add(AttributeKind.RegistryRegistrantId, record.Registrant?.Handle);
        Add(AttributeKind.TechId, record.Tech?.Handle);
        Add(AttributeKind.TechEmail, record.Tech?.Email);
        return values.ToImmutable();
    }
}
