using System.Collections.Immutable;
using Rds.Audit;
using Rds.Disclosure;
using Rds.Hosting;
using Rds.Requestors;

namespace Rds.Gateway.Audit;

/// <summary>
/// The audit of one authenticated request, filled in as it is decided and answered. Records are published to the
/// requestor's audit stream and awaited, so an answer leaves the gateway only after its record is durable.
/// </summary>
internal sealed class AuditScope(AuditPublisher publisher, TimeProvider clock, string requestorId, string keyId, string query)
{
    private readonly DateTimeOffset _receivedAt = clock.GetUtcNow();
    private readonly List<string> _domains = [];

    /// <summary>The HTTP request's id (X-Request-Id), also in the gateway's and silos' logs of it.</summary>
    public string RequestId { get; } = RequestIds.Current ?? Guid.NewGuid().ToString("N");

    public string Query { get; set; } = query;

    public AccessRequest? Access { get; set; }

    /// <summary>The case of a request that is about a case rather than a disclosure (opening or closing it).</summary>
    public string? CaseId { get; set; }

    /// <summary>Whether the request's case is a confidential active investigation.</summary>
    public bool Confidential { get; set; }

    /// <summary>How many results the answer carried: domains for lookups, searches and pivots.</summary>
    public int ResultCount { get; set; }

    /// <summary>Notes domains whose data the answer carries.</summary>
    public void Disclosed(IEnumerable<string> domains)
    {
        foreach (var domain in domains)
        {
            _domains.Add(domain);
            ResultCount++;
        }
    }

    /// <summary>Whether the request's final record is written; a streamed answer writes one before it starts and one when it ends.</summary>
    public bool Completed { get; private set; }

    public Task RecordAsync(AuditDecision decision, string? reason, bool final = true)
    {
        Completed |= final;
        return publisher.PublishAsync(Record(decision, reason));
    }

    private AuditRecord Record(AuditDecision decision, string? reason) => new()
    {
        RequestId = RequestId,
        RequestorId = requestorId,
        KeyId = keyId,
        CaseId = Access?.CaseId ?? CaseId,
        Purpose = Access?.Purpose.WireName(),
        LegalBasis = Access?.LegalBasis.WireName(),
        Justification = Access?.Justification,
        Evidence = Access?.Evidence ?? [],
        Query = Query,
        ElementsRequested = ElementNames(Access?.Elements),
        ElementsDisclosed = decision == AuditDecision.Granted && ResultCount > 0 ? ElementNames(Access?.Elements) : [],
        Decision = decision,
        Reason = reason,
        ResultCount = ResultCount,
        Domains = [.. _domains],
        ReceivedAt = _receivedAt,
        DecidedAt = clock.GetUtcNow(),
        Confidential = Confidential,
    };

    private static ImmutableArray<string> ElementNames(IEnumerable<DataElement>? elements) =>
        [.. (elements ?? []).Order().Select(element => element.RedactedName())];
}
