namespace Rds.Grains.Audit;

/// <summary>How long audit records are kept (configuration section <c>Audit</c>), independently of the cases they concern.</summary>
public sealed class AuditRetentionOptions
{
    public const int MaxRetentionDays = 3650;

    /// <summary>Records received longer ago than this are deleted by the log's daily retention pass.</summary>
    public int RetentionDays { get; set; } = 730;

    /// <summary>How often each log runs its retention pass.</summary>
    public static readonly TimeSpan PassInterval = TimeSpan.FromDays(1);
}
