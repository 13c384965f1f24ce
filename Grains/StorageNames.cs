namespace Rds.Grains;

/// <summary>Names of the grain storage providers the silo must configure.</summary>
public static class StorageNames
{
    /// <summary>Grain state in the deployment's table: requestors, keys, audit heads, registrars.</summary>
    public const string Registry = "registry";

    /// <summary>
    /// Registration records (domain grains): the same table and rows as <see cref="Registry"/>, under a name of their
    /// own so that a benchmark silo can keep them in memory (<c>Storage:InMemoryRegistry</c>).
    /// </summary>
    public const string Domains = "domains";
}
