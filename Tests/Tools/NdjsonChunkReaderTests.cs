using Rds.Tools.Import;

namespace Rds.Tests.Tools;

public sealed class NdjsonChunkReaderTests
{
    [Fact]
    public async Task Chunks_hold_at_most_the_batch_size_and_remember_file_line_numbers_across_blank_lines()
    {
        var text = "a1\na2\n\na3\na4\n   \na5\na6\na7\n";
        var chunks = await ReadAllAsync(text, maximumLines: 3);

        Assert.Equal(["a1", "a2", "a3"], chunks[0].Lines.ToArray());
        Assert.Equal([1L, 2L, 4L], chunks[0].FileLineNumbers.ToArray());
        Assert.Equal(["a4", "a5", "a6"], chunks[1].Lines.ToArray());
        Assert.Equal([5L, 7L, 8L], chunks[1].FileLineNumbers.ToArray());
        Assert.Equal(["a7"], chunks[2].Lines.ToArray());
        Assert.Equal([9L], chunks[2].FileLineNumbers.ToArray());
        Assert.Equal(3, chunks.Count);
    }

    [Fact]
    public async Task Chunk_line_numbers_from_the_gateway_translate_to_file_lines()
    {
        var chunks = await ReadAllAsync("x\n\ny\nz\n\nw\n", maximumLines: 2);

        Assert.Equal(3L, chunks[0].FileLineOf(2));
        Assert.Equal(6L, chunks[1].FileLineOf(2));
        Assert.Null(chunks[1].FileLineOf(3));
        Assert.Null(chunks[1].FileLineOf(0));
    }

    [Fact]
    public async Task Byte_count_is_the_utf8_body_length_and_survives_splitting()
    {
        var chunk = (await ReadAllAsync("ab\nbücher\nc\n", maximumLines: 10)).Single();
        Assert.Equal(3 + 8 + 2, chunk.ByteCount);

        var (first, second) = chunk.Split();
        Assert.Equal(["ab"], first.Lines.ToArray());
        Assert.Equal([2L, 3L], second.FileLineNumbers.ToArray());
        Assert.Equal(chunk.ByteCount, first.ByteCount + second.ByteCount);
    }

    private static async Task<List<NdjsonChunk>> ReadAllAsync(string text, int maximumLines)
    {
        var chunks = new List<NdjsonChunk>();
        await foreach (var chunk in NdjsonChunkReader.ReadAsync(new StringReader(text), maximumLines, CancellationToken.None))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
