using System.Buffers;
using System.Text;

namespace Rds.Grains.Attributes;

/// <summary>
/// The members of one shard, sorted by ordinal, each an ASCII A-label followed by '\n', in one byte array: the form
/// a shard row stores and the form a grain keeps in memory (about a byte more than the name per member, plus a
/// 4-byte offset, where a set of strings costs some 100 bytes per 20-character name). Immutable.
/// </summary>
internal sealed class PackedMembers
{
    private const byte Terminator = (byte)'\n';

    public static readonly PackedMembers Empty = new([], []);

    private readonly byte[] _data;
    private readonly int[] _starts;

    private PackedMembers(byte[] data, int[] starts)
    {
        _data = data;
        _starts = starts;
    }

    public int Count => _starts.Length;

    /// <summary>The stored size in bytes.</summary>
    public int ByteCount => _data.Length;

    /// <summary>The stored form: what a shard row's binary property holds.</summary>
    public byte[] Data => _data;

    public string this[int index] => Encoding.ASCII.GetString(Span(index));

    /// <summary>Reads the stored form; refuses data that is not sorted, terminated ASCII names.</summary>
    public static PackedMembers FromData(byte[] data)
    {
        if (data.Length == 0)
            return Empty;
        if (data[^1] != Terminator)
            throw new InvalidDataException("A shard's member data does not end with a terminator.");
        var starts = new List<int>();
        var start = 0;
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] != Terminator)
                continue;
            starts.Add(start);
            start = i + 1;
        }
        var members = new PackedMembers(data, [.. starts]);
        for (var i = 1; i < members.Count; i++)
        {
            if (members.Span(i - 1).SequenceCompareTo(members.Span(i)) >= 0)
                throw new InvalidDataException("A shard's members are not in strictly ascending order.");
        }
        return members;
    }

    /// <summary>Packs names that are already distinct and in ordinal order.</summary>
    public static PackedMembers FromSorted(IReadOnlyList<string> names)
    {
        var writer = new Builder(names.Sum(n => n.Length + 1), names.Count);
        foreach (var name in names)
            writer.Add(Ascii(name));
        return writer.Build();
    }

    public ReadOnlySpan<byte> Span(int index)
    {
        var start = _starts[index];
        var end = index + 1 < _starts.Length ? _starts[index + 1] : _data.Length;
        return _data.AsSpan(start, end - start - 1);
    }

    /// <summary>The stored size of the member at <paramref name="index"/>, its terminator included.</summary>
    public int SizeOf(int index) => (index + 1 < _starts.Length ? _starts[index + 1] : _data.Length) - _starts[index];

    /// <summary>The index of the first member above <paramref name="after"/> (Count when none is).</summary>
    public int IndexAfter(string after)
    {
        var index = Search(Ascii(after));
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>The index of the first member at or above <paramref name="from"/>.</summary>
    public int IndexAtOrAfter(string from)
    {
        var index = Search(Ascii(from));
        return index >= 0 ? index : ~index;
    }

    public IEnumerable<string> Range(int from, int to)
    {
        for (var i = from; i < to; i++)
            yield return this[i];
    }

    public PackedMembers Slice(int from, int to)
    {
        if (from == 0 && to == Count)
            return this;
        if (from >= to)
            return Empty;
        var start = _starts[from];
        var end = to < Count ? _starts[to] : _data.Length;
        var starts = new int[to - from];
        for (var i = 0; i < starts.Length; i++)
            starts[i] = _starts[from + i] - start;
        return new PackedMembers(_data[start..end], starts);
    }

    /// <summary>
    /// The members after applying <paramref name="changes"/> (distinct domains in ordinal order; true adds, false
    /// removes), and how many members that added (negative when it removed more).
    /// </summary>
    public PackedMembers Apply(IReadOnlyList<KeyValuePair<string, bool>> changes, out int delta)
    {
        var writer = new Builder(_data.Length + changes.Sum(c => c.Value ? c.Key.Length + 1 : 0), Count + changes.Count);
        delta = 0;
        var changed = false;
        var i = 0;
        foreach (var (domain, member) in changes)
        {
            var name = Ascii(domain);
            while (i < Count && Span(i).SequenceCompareTo(name) < 0)
                writer.Add(Span(i++));
            var present = i < Count && Span(i).SequenceEqual(name);
            if (member)
            {
                if (!present)
                {
                    delta++;
                    changed = true;
                }
                writer.Add(name);
            }
            else if (present)
            {
                delta--;
                changed = true;
            }
            if (present)
                i++;
        }
        if (!changed)
            return this;
        while (i < Count)
            writer.Add(Span(i++));
        return writer.Build();
    }

    /// <summary>
    /// This shard as one or more pieces each within both limits: itself when it fits, otherwise cut into pieces
    /// about half full, so a shard that just split has room to grow before it splits again.
    /// </summary>
    public IReadOnlyList<PackedMembers> Cut(int maxBytes, int maxCount)
    {
        if (ByteCount <= maxBytes && Count <= maxCount || Count < 2)
            return [this];
        var pieces = Math.Max(2, Math.Max(ByteCount / Math.Max(1, maxBytes / 2), Count / Math.Max(1, maxCount / 2)));
        var targetBytes = (ByteCount + pieces - 1) / pieces;
        var targetCount = (Count + pieces - 1) / pieces;
        var result = new List<PackedMembers>(pieces + 1);
        var first = 0;
        var bytes = 0;
        for (var i = 0; i < Count; i++)
        {
            var size = SizeOf(i);
            if (i > first && (bytes + size > targetBytes || i - first + 1 > targetCount))
            {
                result.Add(Slice(first, i));
                first = i;
                bytes = 0;
            }
            bytes += size;
        }
        result.Add(Slice(first, Count));
        return result;
    }

    // Ordinal order of A-labels is their byte order: they are ASCII.
    private int Search(ReadOnlySpan<byte> name)
    {
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var order = Span(middle).SequenceCompareTo(name);
            if (order == 0)
                return middle;
            if (order < 0)
                low = middle + 1;
            else
                high = middle - 1;
        }
        return ~low;
    }

    /// <summary>A member name's stored bytes; refuses what could not round-trip or would break the format.</summary>
    public static byte[] Ascii(string name)
    {
        EnsureStorable(name);
        return Encoding.ASCII.GetBytes(name);
    }

    /// <summary>Refuses a name that is not printable ASCII (an A-label always is): its byte order would not be its ordinal order.</summary>
    public static void EnsureStorable(string name)
    {
        if (name.Length == 0 || name.AsSpan().ContainsAnyExceptInRange('!', '~'))
            throw new ArgumentException($"An index member must be a non-empty ASCII name (an A-label) without spaces or control characters: '{name}'.", nameof(name));
    }

    private sealed class Builder(int bytes, int count)
    {
        private readonly ArrayBufferWriter<byte> _data = new(Math.Max(1, bytes));
        private readonly List<int> _starts = new(count);

        public int Count => _starts.Count;

        public void Add(ReadOnlySpan<byte> name)
        {
            _starts.Add(_data.WrittenCount);
            _data.Write(name);
            _data.Write([Terminator]);
        }

        public PackedMembers Build() => _starts.Count == 0 ? Empty : new PackedMembers(_data.WrittenSpan.ToArray(), [.. _starts]);
    }
}
