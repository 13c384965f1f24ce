using System.Collections.Immutable;

namespace Rds.Grains.Attributes;

/// <summary>
/// Turns the new contents of the shards a flush touched into transactions within <see cref="TransactionLimits"/>.
/// A shard over its limits is cut into pieces that become new shards. A shard whose pieces do not fit into one
/// transaction (a huge first batch) is written in stages: each stage writes some pieces and, as a new shard
/// holding the old members of the range not yet written, a remainder that the next stage replaces. Every
/// transaction leaves storage consistent on its own, so a flush that fails half way loses nothing but time.
/// </summary>
internal static class IndexCommitPlan
{
    public static List<IndexTransaction> Plan(
        ImmutableArray<ShardRange> layout,
        IReadOnlyDictionary<int, (PackedMembers Old, PackedMembers New)> touched,
        int maxShardBytes,
        int maxShardCount,
        TransactionLimits limits)
    {
        var shards = layout.ToList();
        var nextId = shards.Max(s => s.ShardId) + 1;
        var transactions = new List<IndexTransaction>();
        var writes = new List<KeyValuePair<int, PackedMembers>>();
        var deletes = new List<int>();
        var bytes = 0;

        int HeadSize() => TransactionLimits.EncodedSize(shards.Sum(s => s.LowerBound.Length + 12));
        bool Fits(int rows, int rowBytes) =>
            writes.Count + deletes.Count + rows + 1 <= limits.MaxOperations && bytes + rowBytes + HeadSize() <= limits.MaxBytes;
        void Commit()
        {
            if (writes.Count + deletes.Count == 0)
                return;
            transactions.Add(new IndexTransaction([.. shards], [.. writes], [.. deletes]));
            writes.Clear();
            deletes.Clear();
            bytes = 0;
        }
        void Write(int shardId, PackedMembers members)
        {
            writes.Add(new(shardId, members));
            bytes += Cost(members);
        }

        foreach (var shard in layout.Where(s => touched.ContainsKey(s.ShardId)))
        {
            var (old, updated) = touched[shard.ShardId];
            var id = shard.ShardId;
            var lowerBound = shard.LowerBound;
            if (updated.Count == 0)
            {
                if (old.Count == 0)
                    continue;
                if (!Fits(1, 0))
                    Commit();
                deletes.Add(id);
                var index = shards.FindIndex(s => s.ShardId == id);
                // The first shard stays, empty and without a row, so that the layout always covers every name.
                if (index == 0)
                    shards[0] = shards[0] with { Count = 0 };
                else
                    shards.RemoveAt(index);
                continue;
            }

            var pieces = new Queue<PackedMembers>(updated.Cut(maxShardBytes, maxShardCount));
            while (pieces.Count > 0)
            {
                var pieceBytes = pieces.Sum(Cost);
                if (Fits(pieces.Count, pieceBytes))
                {
                    var entries = new List<ShardRange>();
                    var first = true;
                    while (pieces.TryDequeue(out var piece))
                    {
                        var pieceId = first ? id : nextId++;
                        entries.Add(new ShardRange(first ? lowerBound : piece[0], pieceId, piece.Count));
                        Write(pieceId, piece);
                        first = false;
                    }
                    Replace(shards, id, entries);
                    break;
                }
                if (writes.Count + deletes.Count > 0)
                {
                    Commit();
                    continue;
                }

                // Alone it does not fit: write what does, with the rest of the range keeping its old members.
                if (pieces.Count == 1)
                    throw new InvalidOperationException("A single shard row does not fit into one transaction: the shard limits are too large for the transaction limits.");
                var stage = new List<ShardRange>();
                var stageFirst = true;
                while (pieces.Count > 1)
                {
                    var next = pieces.Peek();
                    var remainder = old.Slice(old.IndexAtOrAfter(pieces.ElementAt(1)[0]), old.Count);
                    if (!stageFirst && !Fits(2, Cost(next) + Cost(remainder)))
                        break;
                    pieces.Dequeue();
                    var pieceId = stageFirst ? id : nextId++;
                    stage.Add(new ShardRange(stageFirst ? lowerBound : next[0], pieceId, next.Count));
                    Write(pieceId, next);
                    stageFirst = false;
                }
                var rest = pieces.Peek()[0];
                var left = old.Slice(old.IndexAtOrAfter(rest), old.Count);
                var restId = nextId++;
                stage.Add(new ShardRange(rest, restId, left.Count));
                if (left.Count > 0)
                    Write(restId, left);
                Replace(shards, id, stage);
                Commit();
                // The next stage replaces the remainder.
                id = restId;
                lowerBound = rest;
                old = left;
            }
        }
        Commit();
        return transactions;
    }

    // A row in the batch body, and the entry it may add to the head row's layout (base64 too, so counted twice).
    private static int Cost(PackedMembers members) =>
        TransactionLimits.EncodedSize(members.ByteCount) + 2 * ((members.Count > 0 ? members.SizeOf(0) : 0) + 12);

    private static void Replace(List<ShardRange> shards, int shardId, List<ShardRange> entries)
    {
        var index = shards.FindIndex(s => s.ShardId == shardId);
        shards.RemoveAt(index);
        shards.InsertRange(index, entries);
    }
}
