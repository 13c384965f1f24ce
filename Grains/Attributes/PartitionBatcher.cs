using Azure;
using Azure.Data.Tables;

namespace Rds.Grains.Attributes;

/// <summary>
/// Group commit across attributes: transactions submitted for one partition while an earlier batch of it is in
/// flight wait and then go together, as one entity-group transaction within Azure Table's limits (100 operations,
/// 4 MiB). Each submitted transaction stays all-or-nothing: when a combined batch fails because of one of them
/// (its ETag no longer matches, say), that one fails with the store's answer and the others are sent again. Rows
/// of different attributes never coincide, so two transactions in one batch never touch the same row.
/// </summary>
internal sealed class PartitionBatcher(TableClient table, TransactionLimits limits)
{
    private readonly Dictionary<string, Queue<Pending>> _queues = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="actions"/> (all in <paramref name="partition"/>) as one transaction, possibly beside others; returns their responses.</summary>
    public Task<IReadOnlyList<Response>> SubmitAsync(string partition, IReadOnlyList<TableTransactionAction> actions, int bytes)
    {
        var pending = new Pending(actions, bytes);
        bool start;
        lock (_queues)
        {
            start = !_queues.TryGetValue(partition, out var queue);
            if (start)
                _queues[partition] = queue = new Queue<Pending>();
            queue!.Enqueue(pending);
        }
        // The loop must not run on the caller's grain scheduler: it serves every grain writing to the partition.
        if (start)
            _ = Task.Run(() => DrainAsync(partition));
        return pending.Done.Task;
    }

    private async Task DrainAsync(string partition)
    {
        while (true)
        {
            var batch = new List<Pending>();
            lock (_queues)
            {
                var queue = _queues[partition];
                int operations = 0, bytes = 0;
                while (queue.TryPeek(out var next) && (batch.Count == 0
                       || operations + next.Actions.Count <= limits.MaxOperations && bytes + next.Bytes <= limits.MaxBytes))
                {
                    batch.Add(queue.Dequeue());
                    operations += next.Actions.Count;
                    bytes += next.Bytes;
                }
                if (batch.Count == 0)
                {
                    _queues.Remove(partition);
                    return;
                }
            }
            await SendAsync(batch);
        }
    }

    private async Task SendAsync(List<Pending> batch)
    {
        try
        {
            var responses = await table.SubmitTransactionAsync(batch.SelectMany(p => p.Actions));
            var offset = 0;
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult([.. responses.Value.Skip(offset).Take(pending.Actions.Count)]);
                offset += pending.Actions.Count;
            }
        }
        catch (Exception failure) when (batch.Count > 1)
        {
            // Which transaction failed decides who hears of it; the others did not happen and are sent again.
            var culprit = Culprit(batch, failure as TableTransactionFailedException);
            if (culprit is not null)
            {
                culprit.Done.TrySetException(failure);
                batch.Remove(culprit);
                await SendAsync(batch);
            }
            else
            {
                foreach (var pending in batch)
                    await SendAsync([pending]);
            }
        }
        catch (Exception failure)
        {
            batch[0].Done.TrySetException(failure);
        }
    }

    private static Pending? Culprit(List<Pending> batch, TableTransactionFailedException? failure)
    {
        if (failure?.FailedTransactionActionIndex is not { } index)
            return null;
        foreach (var pending in batch)
        {
            if (index < pending.Actions.Count)
                return pending;
            index -= pending.Actions.Count;
        }
        return null;
    }

    private sealed class Pending(IReadOnlyList<TableTransactionAction> actions, int bytes)
    {
        public IReadOnlyList<TableTransactionAction> Actions { get; } = actions;

        public int Bytes { get; } = bytes;

        public TaskCompletionSource<IReadOnlyList<Response>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
