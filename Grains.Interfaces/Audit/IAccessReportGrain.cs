using System.Collections.Immutable;

namespace Rds.Audit;

/// <summary>Data subjects' access reports: who was disclosed data about a domain, when, why, and which elements.</summary>
[Alias("rds.IAccessReportGrain")]
public interface IAccessReportGrain : IGrainWithIntegerKey
{
    /// <summary>Every granted disclosure of <paramref name="domain"/>'s data, oldest first, leaving out those of confidential cases still open.</summary>
    Task<ImmutableArray<AuditRecord>> DisclosuresOfDomainAsync(string domain);
}
