using Rds.Attributes;
using Rds.Registrations;

namespace Rds.Tools.Benchmarks;

/// <summary>
/// The normalised attribute values of a record, as the silo indexes them. A copy of <c>RecordAttributes.Of</c> in
/// Grains/Attributes/RecordAttributes.cs (Tools does not reference Grains): keep the two in step, or the baselines
/// traverse a different graph and the bench's agreement check says so.
/// </summary>
internal static class PivotRecordAttributes
{
    public static IReadOnlySet<AttributeValue> Of(RegistrationRecord record)
    {
        var values = new HashSet<AttributeValue>();
        void Add(AttributeKind kind, string? raw)
        {
            if (raw is not null && AttributeNormalizer.TryNormalize(kind, raw, out var value, out _))
            {
                values.Add(value);
            }
        }

        foreach (var nameserver in record.Nameservers)
        {
            Add(AttributeKind.NameserverName, nameserver.Name);
            foreach (var address in nameserver.Ipv4.Concat(nameserver.Ipv6))
            {
                Add(AttributeKind.NameserverIp, address);
            }
        }

        Add(AttributeKind.RegistrantEmail, record.Registrant?.Email);
        Add(AttributeKind.RegistrantOrganization, record.Registrant?.Organization);
        Add(AttributeKind.RegistrantPhone, record.Registrant?.Phone);
        Add(AttributeKind.RegistryRegistrantId, record.Registrant?.Handle);
        Add(AttributeKind.TechId, record.Tech?.Handle);
        Add(AttributeKind.TechEmail, record.Tech?.Email);
        return values;
    }
}
