namespace Rds.Nameservers;

/// <summary>
/// Nameserver lookups and searches, answered from the attribute index and the records of the delegating domains
/// (this registry holds nameservers as domain attributes, TIG 2024 §3.11). A stateless worker: key 0.
/// </summary>
[Alias("rds.INameserverDirectoryGrain")]
public interface INameserverDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>The nameserver named <paramref name="name"/> (a normalised A-label), or null when no registered domain delegates to it.</summary>
    Task<NameserverView?> LookupAsync(string name);

    /// <summary>Up to <paramref name="limit"/> matching nameservers after <paramref name="after"/>, in A-label order.</summary>
    Task<NameserverSearchPage> SearchAsync(NameserverSearch search, string? after, int limit, bool includeCount);
}
