using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Azure;
using Orleans.Streams;
using Rds.Audit;
using Rds.Hosting;

namespace Rds.Gateway.Audit;

/// <summary>
/// Hands audit records to their requestors' audit streams, group-committed per requestor: while one queue message is
/// being written, the records that arrive wait and go together in the next one, so an audited answer costs about one
/// queue write whatever the load. A record is durable, and its answer may leave, once its message is stored; a write
/// that fails is counted among the storage errors, as the silos count their failed table calls.
/// </summary>
internal sealed class AuditPublisher(IClusterClient cluster, IMeterFactory meters)
{
    private const string StorageRole = "audit-queue";

    private readonly ConcurrentDictionary<string, RequestorStream> _streams = new();
    private readonly StorageErrors _storageErrors = new(meters);

    public Task PublishAsync(AuditRecord record)
    {
        var bytes = AuditStreams.SizeOf(record);
        // Too large for a queue message (a long page of long names): appended to the log directly, as durably.
        if (bytes > AuditStreams.MaxEventBytes)
            return cluster.GetGrain<IAuditLogGrain>(record.RequestorId).AppendAsync(record);
        return _streams.GetOrAdd(record.RequestorId, Open).Add(record, bytes);
    }

    private RequestorStream Open(string requestorId) =>
        new(cluster.GetStreamProvider(AuditStreams.Provider).GetStream<AuditRecord>(StreamId.Create(AuditStreams.Namespace, requestorId)), _storageErrors);

    // Orleans' queue adapter wraps the storage client's exception; labelled as the silos label theirs: by the status
    // storage answered, or by the exception's type when it did not answer.
    private static string ErrorType(Exception failure) => failure switch
    {
        AggregateException { InnerExceptions: [var inner] } => ErrorType(inner),
        RequestFailedException { Status: > 0 } answered => answered.Status.ToString(CultureInfo.InvariantCulture),
        _ => failure.GetType().Name,
    };

    private sealed class RequestorStream(IAsyncStream<AuditRecord> stream, StorageErrors storageErrors)
    {
        private readonly Lock _gate = new();
        private readonly Queue<(AuditRecord Record, int Bytes, TaskCompletionSource Stored)> _waiting = new();
        private bool _writing;

        public Task Add(AuditRecord record, int bytes)
        {
            var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _waiting.Enqueue((record, bytes, stored));
                if (_writing)
                    return stored.Task;
                _writing = true;
            }
            _ = WriteAsync();
            return stored.Task;
        }

        private async Task WriteAsync()
        {
            while (NextBatch() is { Count: > 0 } batch)
            {
                try
                {
                    await stream.OnNextBatchAsync(batch.Select(item => item.Record));
                    foreach (var item in batch)
                        item.Stored.SetResult();
                }
                catch (Exception failure)
                {
                    storageErrors.Count(StorageRole, ErrorType(failure));
                    // The answers wait for their records, so they fail too (503) and nothing is disclosed unaudited.
                    foreach (var item in batch)
                        item.Stored.SetException(failure);
                }
            }
        }

        private List<(AuditRecord Record, int Bytes, TaskCompletionSource Stored)> NextBatch()
        {
            lock (_gate)
            {
                var batch = new List<(AuditRecord, int, TaskCompletionSource)>();
                var bytes = 0;
                while (_waiting.TryPeek(out var next) && (batch.Count == 0 || bytes + next.Bytes <= AuditStreams.MaxEventBytes))
                {
                    batch.Add(_waiting.Dequeue());
                    bytes += next.Bytes;
                }
                _writing = batch.Count > 0;
                return batch;
            }
        }
    }
}
