using System.Collections.Immutable;
using Rds.Grains.Attributes;

namespace Rds.Tests.Attributes;

/// <summary>
/// Packed shard members and the commit plan, against a model: every transaction stays within its limits and leaves
/// layout, counts and rows agreeing, however large the batch.
/// </summary>
public sealed class IndexCommitPlanTests
{
    [Fact]
    public void Packed_members_apply_changes_like_a_sorted_set()
    {
        var random = new Random(7);
        var model = new SortedSet<string>(StringComparer.Ordinal);
        var packed = PackedMembers.Empty;
        for (var round = 0; round < 200; round++)
        {
            var changes = Enumerable.Range(0, random.Next(1, 30))
                .Select(_ => new KeyValuePair<string, bool>($"d{random.Next(300)}.example", random.Next(3) > 0))
                .DistinctBy(change => change.Key).OrderBy(change => change.Key, StringComparer.Ordinal).ToList();
            var before = model.Count;
            foreach (var (domain, member) in changes)
            {
                if (member)
                    model.Add(domain);
                else
                    model.Remove(domain);
            }
            packed = packed.Apply(changes, out var delta);

            Assert.Equal(model.Count - before, delta);
            Assert.Equal(model, packed.Range(0, packed.Count));
            Assert.Equal(model, PackedMembers.FromData(packed.Data).Range(0, packed.Count));
        }
        var middle = model.ElementAt(model.Count / 2);
        Assert.Equal(model.Where(d => string.CompareOrdinal(d, middle) > 0), packed.Range(packed.IndexAfter(middle), packed.Count));
        Assert.Equal(model.Where(d => string.CompareOrdinal(d, "d5") > 0), packed.Range(packed.IndexAfter("d5"), packed.Count));
    }

    [Fact]
    public void Cut_pieces_stay_within_both_limits_and_keep_every_member_in_order()
    {
        var names = Enumerable.Range(0, 5_000).Select(i => $"{new string('x', i % 40)}{i:D5}.example").Order(StringComparer.Ordinal).ToArray();
        var packed = PackedMembers.FromSorted(names);
        foreach (var (bytes, count) in new[] { (4_096, 1_000_000), (1_000_000, 100), (8_192, 300) })
        {
            var pieces = packed.Cut(bytes, count);
            Assert.True(pieces.Count > 1);
            Assert.All(pieces, piece => Assert.True(piece.ByteCount <= bytes && piece.Count <= count && piece.Count > 0));
            Assert.Equal(names, pieces.SelectMany(piece => piece.Range(0, piece.Count)));
        }
        Assert.Same(packed, packed.Cut(packed.ByteCount, packed.Count).Single());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space.example")]
    [InlineData("bücher.example")]
    [InlineData("line\nbreak.example")]
    public void Names_that_would_not_keep_their_order_or_format_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => PackedMembers.Ascii(name));

    [Fact]
    public void Stored_member_data_out_of_order_is_refused() =>
        Assert.Throws<InvalidDataException>(() => PackedMembers.FromData("b.example\na.example\n"u8.ToArray()));

    [Theory]
    [InlineData(100, 3 * 1024 * 1024, 40, 2_000)]
    [InlineData(4, 20_000, 1_000_000, 1_024)]
    [InlineData(3, 1_000_000, 20, 1_000_000)]
    public void Every_planned_transaction_is_within_limits_and_leaves_storage_consistent(int maxOperations, int maxBytes, int shardCount, int shardBytes)
    {
        var limits = new TransactionLimits(maxOperations, maxBytes);
        var random = new Random(maxOperations);
        var store = new Store();
        var model = new SortedSet<string>(StringComparer.Ordinal);
        // Rounds of every size: a first batch far larger than a transaction, then mixed additions and removals.
        foreach (var size in new[] { 3_000, 1, 50, 700, 2_000, 10, 4_000 })
        {
            var changes = Enumerable.Range(0, size)
                .Select(_ => new KeyValuePair<string, bool>($"{new string('a', random.Next(20))}{random.Next(8_000):x}.test", model.Count == 0 || random.Next(4) > 0))
                .DistinctBy(change => change.Key).OrderBy(change => change.Key, StringComparer.Ordinal).ToList();
            foreach (var (domain, member) in changes)
            {
                if (member)
                    model.Add(domain);
                else
                    model.Remove(domain);
            }

            var touched = new Dictionary<int, (PackedMembers Old, PackedMembers New)>();
            foreach (var run in changes.GroupBy(change => store.Layout[ShardLayout.IndexOf(store.Layout, change.Key)].ShardId))
            {
                var old = store.Row(run.Key);
                var updated = old.Apply([.. run], out _);
                if (!ReferenceEquals(old, updated))
                    touched[run.Key] = (old, updated);
            }
            foreach (var transaction in IndexCommitPlan.Plan(store.Layout, touched, shardBytes, shardCount, limits))
            {
                Assert.True(transaction.Writes.Count + transaction.Deletes.Count + 1 <= maxOperations);
                Assert.True(transaction.Writes.Sum(w => TransactionLimits.EncodedSize(w.Value.ByteCount))
                    + TransactionLimits.EncodedSize(ShardLayout.Encode(transaction.Layout).Length) <= maxBytes);
                store.Commit(transaction);
                store.AssertConsistent(shardBytes, shardCount);
            }
            Assert.Equal(model, store.All());
            Assert.Equal(model.Count, ShardLayout.Total(store.Layout));
        }
        Assert.True(store.Layout.Length > 10, $"the layout grew to {store.Layout.Length} shards");
    }

    /// <summary>The partition as Azure Table would hold it after each transaction.</summary>
    private sealed class Store
    {
        private readonly Dictionary<int, PackedMembers> _rows = [];

        public ImmutableArray<ShardRange> Layout { get; private set; } = ShardLayout.Initial;

        public PackedMembers Row(int shardId) => _rows.GetValueOrDefault(shardId) ?? PackedMembers.Empty;

        public void Commit(IndexTransaction transaction)
        {
            foreach (var shardId in transaction.Deletes)
                Assert.True(_rows.Remove(shardId), $"shard {shardId} deleted without a row (a 404 fails the whole batch)");
            foreach (var (shardId, members) in transaction.Writes)
                _rows[shardId] = members;
            Layout = transaction.Layout;
        }

        public void AssertConsistent(int shardBytes, int shardCount)
        {
            Assert.Equal("", Layout[0].LowerBound);
            Assert.Equal(Layout.Length, Layout.Select(s => s.ShardId).Distinct().Count());
            for (var i = 0; i < Layout.Length; i++)
            {
                var shard = Layout[i];
                var row = Row(shard.ShardId);
                Assert.Equal(shard.Count, row.Count);
                Assert.Equal(shard.Count > 0, _rows.ContainsKey(shard.ShardId));
                Assert.True(row.ByteCount <= shardBytes && row.Count <= shardCount);
                var upper = i + 1 < Layout.Length ? Layout[i + 1].LowerBound : null;
                if (i > 0)
                    Assert.True(string.CompareOrdinal(Layout[i - 1].LowerBound, shard.LowerBound) < 0);
                Assert.All(row.Range(0, row.Count), d => Assert.True(string.CompareOrdinal(d, shard.LowerBound) >= 0
                    && (upper is null || string.CompareOrdinal(d, upper) < 0)));
            }
            Assert.Empty(_rows.Keys.Except(Layout.Select(s => s.ShardId)));
        }

        public IEnumerable<string> All() => Layout.SelectMany(shard => Row(shard.ShardId).Range(0, Row(shard.ShardId).Count));
    }
}
