using Microsoft.Extensions.Configuration;

namespace Rds.Hosting;

/// <summary>
/// The settings silo and gateway share, read by named keys and validated at start-up so that a missing or wrong
/// setting stops the process with a message naming it, not a stack trace minutes later.
/// </summary>
public sealed record RdsClusterSettings
{
    public const string ConnectionStringKey = "Storage:ConnectionString";
    public const string ConnectionStringEnvironmentVariable = "RDS_STORAGE_CONNECTION";
    public const string TablePrefixKey = "Storage:TablePrefix";
    public const string ClusterIdKey = "Orleans:ClusterId";
    public const string ServiceIdKey = "Orleans:ServiceId";
    public const string InMemoryRegistryKey = "Storage:InMemoryRegistry";

    public required string StorageConnectionString { get; init; }

    /// <summary>Prefix of every table this deployment uses, so that deployments and test runs never share data.</summary>
    public required string TablePrefix { get; init; }

    public required string ClusterId { get; init; }

    public required string ServiceId { get; init; }

    public const string PseudonymKeyKey = "Pseudonyms:MasterKey";
    public const string PseudonymKeyEnvironmentVariable = "RDS_PSEUDONYM_KEY";
    public const string PseudonymKeyVersionKey = "Pseudonyms:KeyVersion";

    /// <summary>
    /// Base64 master key from which each case's pseudonym key is derived; silos need it, the gateway does not. Keep it
    /// in a secret store: whoever holds it and a case's salt can recompute that case's pseudonyms.
    /// </summary>
    public string? PseudonymMasterKey { get; init; }

    /// <summary>Version of the master key, shown with pseudonyms; raise it when the key is rotated.</summary>
    public int PseudonymKeyVersion { get; init; } = 1;

    /// <summary>
    /// Domain records and the attribute index in the silo's memory instead of tables: for benchmarks at sizes the
    /// storage emulator cannot hold (it slows with every row, and every grain state row of a type shares one row key,
    /// which its lookups scan). One silo only; everything in it is lost when it stops.
    /// </summary>
    public bool InMemoryRegistry { get; init; }

    public string GrainStateTable => TablePrefix + "state";

    public string MembershipTable => TablePrefix + "cluster";

    /// <summary>Attribute index rows: one partition per attribute shard.</summary>
    public string AttributeIndexTable => TablePrefix + "index";

    /// <summary>The append-only audit log: one partition per requestor.</summary>
    public string AuditTable => TablePrefix + "audit";

    /// <summary>Each case's pseudonyms of pivotable values, one partition per case, deleted when the case ends.</summary>
    public string PseudonymTable => TablePrefix + "pseudonyms";

    /// <summary>Orleans reminders: the daily retention passes of audit logs and requestors' cases.</summary>
    public string ReminderTable => TablePrefix + "reminders";

    public const int AuditQueueCount = 4;

    /// <summary>The Azure queues that carry audit records to the audit logs; each requestor's stream maps to one of them.</summary>
    public IReadOnlyList<string> AuditQueueNames =>
        [.. Enumerable.Range(0, AuditQueueCount).Select(i => $"{TablePrefix.ToLowerInvariant()}-audit-{i}")];

    public const string AuditRedeliveryKey = "Audit:RedeliveryAfterSeconds";

    /// <summary>
    /// How long an audit message read by a silo stays hidden from the others. A silo that dies holding one makes it
    /// wait this long before another silo delivers it; shorter means more repeats (which the log ignores) under slow storage.
    /// </summary>
    public TimeSpan AuditRedeliveryAfter { get; init; } = TimeSpan.FromSeconds(30);

    private static TimeSpan AuditRedeliveryOf(string? configured)
    {
        if (configured is null)
            return TimeSpan.FromSeconds(30);
        if (int.TryParse(configured, out var seconds) && seconds is >= 1 and <= 3600)
            return TimeSpan.FromSeconds(seconds);
        throw new RdsConfigurationException($"'{AuditRedeliveryKey}' must be a whole number of seconds from 1 to 3600; it is '{configured}'.");
    }

    public static RdsClusterSettings FromConfiguration(IConfiguration configuration)
    {
        var connection = configuration[ConnectionStringKey] ?? Environment.GetEnvironmentVariable(ConnectionStringEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connection))
            throw new RdsConfigurationException(
                $"The storage connection string is not set: set '{ConnectionStringKey}' (environment Storage__ConnectionString) or {ConnectionStringEnvironmentVariable}.");
        var prefix = configuration[TablePrefixKey] ?? "rds";
        if (prefix.Length is 0 or > 40 || !char.IsAsciiLetter(prefix[0]) || !prefix.All(char.IsAsciiLetterOrDigit))
            throw new RdsConfigurationException($"'{TablePrefixKey}' must be 1–40 ASCII letters or digits starting with a letter (Azure table names); it is '{prefix}'.");
        return new RdsClusterSettings
        {
            StorageConnectionString = connection,
            TablePrefix = prefix,
            ClusterId = configuration[ClusterIdKey] ?? "rds-local",
            ServiceId = configuration[ServiceIdKey] ?? "orleans-rds",
            PseudonymMasterKey = configuration[PseudonymKeyKey] ?? Environment.GetEnvironmentVariable(PseudonymKeyEnvironmentVariable),
            PseudonymKeyVersion = int.TryParse(configuration[PseudonymKeyVersionKey], out var version) && version > 0 ? version : 1,
            AuditRedeliveryAfter = AuditRedeliveryOf(configuration[AuditRedeliveryKey]),
            InMemoryRegistry = bool.TryParse(configuration[InMemoryRegistryKey], out var inMemory) && inMemory,
        };
    }
}
