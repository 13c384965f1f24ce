using System.Collections.Concurrent;
using System.Collections.Immutable;
using Rds.Requestors;

namespace Rds.Gateway.Access;

/// <summary>
/// Gathers each requestor's observations (input for the abuse watch) and sends them as one one-way message at most
/// every <see cref="Linger"/> or every <see cref="MaxBatch"/> answers: one grain turn per batch rather than per
/// answer. An observation that gives records back goes at once, with what is pending, since the requestor's next
/// request may need them. Losing a batch (the gateway stops) only delays the abuse watch.
/// </summary>
internal sealed class ObservationBatcher(IGrainFactory grains, ILogger<ObservationBatcher> logger)
{
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);
    public const int MaxBatch = 64;

    private readonly ConcurrentDictionary<string, Pending> _pending = new();

    private sealed class Pending
    {
        public List<RequestObservation> Items = [];
        public bool Scheduled;
    }

    public void Observe(string requestorId, RequestObservation observation)
    {
        var pending = _pending.GetOrAdd(requestorId, _ => new Pending());
        List<RequestObservation>? full = null;
        var schedule = false;
        lock (pending)
        {
            pending.Items.Add(observation);
            if (pending.Items.Count >= MaxBatch || observation.UnusedRecords > 0)
                (full, pending.Items) = (pending.Items, []);
            else if (!pending.Scheduled)
                schedule = pending.Scheduled = true;
        }
        if (full is not null)
            Send(requestorId, full);
        if (schedule)
            _ = SendLaterAsync(requestorId, pending);
    }

    private async Task SendLaterAsync(string requestorId, Pending pending)
    {
        await Task.Delay(Linger);
        List<RequestObservation> items;
        lock (pending)
            (items, pending.Items, pending.Scheduled) = (pending.Items, [], false);
        if (items.Count > 0)
            Send(requestorId, items);
    }

    private void Send(string requestorId, List<RequestObservation> items)
    {
        try
        {
            _ = grains.GetGrain<IRequestorGrain>(requestorId).ObserveAsync([.. items]);
        }
        catch (Exception failure)
        {
            logger.LogWarning(failure, "{Count} observations of requestor {Requestor} could not be sent", items.Count, requestorId);
        }
    }
}
