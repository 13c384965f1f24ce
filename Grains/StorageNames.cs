namespace Rds.Grains;

/// <summary>Names of the grain storage providers the silo must configure.</summary>
public static class StorageNames
{
    /// <summary>Registration records (domain grains).</summary>
    public const string Registry = "registry";
}
