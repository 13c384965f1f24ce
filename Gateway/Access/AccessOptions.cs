using System.ComponentModel.DataAnnotations;

namespace Rds.Gateway.Access;

/// <summary>Terms a requestor must accept before any disclosure.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>The current version of the user agreement; requests must state it in <c>RDS-Agreement</c>.</summary>
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,32}$")] public string AgreementVersion { get; set; } = "2026-12";
}
