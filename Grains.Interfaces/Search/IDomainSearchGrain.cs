using Rds.Disclosure;

namespace Rds.Search;

/// <summary>Runs domain searches inside the cluster: index reads and per-domain disclosure fan out in parallel.</summary>
[Alias("rds.IDomainSearchGrain")]
public interface IDomainSearchGrain : IGrainWithIntegerKey
{
    /// <summary>Up to <paramref name="limit"/> matching domains after <paramref name="after"/>, in A-label order.</summary>
    Task<DomainSearchPage> SearchAsync(DomainSearch search, DisclosureRequest request, string? after, int limit, bool includeCount);
}
