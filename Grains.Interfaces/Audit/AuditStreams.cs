using System.Text;

namespace Rds.Audit;

/// <summary>
/// Audit records travel as Orleans stream events: one stream per requestor, consumed by that requestor's
/// <see cref="IAuditLogGrain"/> through an implicit subscription. In every configuration the provider is Azure Queue
/// storage, so a record is durable once its event is enqueued, before the table write that chains it.
/// </summary>
public static class AuditStreams
{
    public const string Provider = "audit";

    public const string Namespace = "audit";

    /// <summary>
    /// The part of an Azure Queue message (64 KiB, base64) a batch of records may fill, leaving room for the envelope.
    /// A record larger than this alone is appended to its log directly instead.
    /// </summary>
    public const int MaxEventBytes = 32 * 1024;

    /// <summary>
    /// An upper bound of the record's serialized size: Orleans writes each string as UTF-8 after a short length and
    /// field header, and the other members in a few bytes each.
    /// </summary>
    public static int SizeOf(AuditRecord record)
    {
        const int PerString = 8, Fixed = 128;
        IEnumerable<string?> strings =
        [
            record.RecordId, record.RequestId, record.RequestorId, record.KeyId, record.CaseId, record.Purpose, record.LegalBasis,
            record.Justification, record.Query, record.Reason, .. record.Evidence, .. record.ElementsRequested, .. record.ElementsDisclosed, .. record.Domains,
        ];
        return Fixed + strings.Sum(text => PerString + (text is null ? 0 : Encoding.UTF8.GetByteCount(text)));
    }
}
