using System.Collections.Immutable;
using Orleans.Concurrency;
using Rds.Audit;
using Rds.Requestors;

namespace Rds.Grains.Audit;

/// <summary>
/// Builds access reports from the subject index of the audit table. A record of a confidential case is left out while
/// that case is open, so a data subject cannot learn of an active investigation; once it closes, the record appears.
/// </summary>
[StatelessWorker]
internal sealed class AccessReportGrain(AuditTable table, TimeProvider clock) : Grain, IAccessReportGrain
{
    async Task<ImmutableArray<AuditRecord>> IAccessReportGrain.DisclosuresOfDomainAsync(string domain)
    {
        var records = new List<AuditRecord>();
        var openConfidential = new Dictionary<(string, string), bool>();
        await foreach (var (requestorId, sequence) in table.SubjectRecordsAsync(domain))
        {
            // An index row whose record was never stored (its transaction failed) is no disclosure.
            if (await table.ReadOneAsync(requestorId, sequence) is not { } row)
                continue;
            var record = AuditChain.Parse(row.Json);
            if (record.Confidential && record.CaseId is { } caseId)
            {
                if (!openConfidential.TryGetValue((requestorId, caseId), out var hidden))
                {
                    var investigation = await GrainFactory.GetGrain<IRequestorGrain>(requestorId).FindCaseAsync(caseId);
                    hidden = investigation is null || investigation.IsOpenAt(clock.GetUtcNow());
                    openConfidential[(requestorId, caseId)] = hidden;
                }
                if (hidden)
                    continue;
            }
            records.Add(record);
        }
        return [.. records.OrderBy(r => r.ReceivedAt)];
    }
}
