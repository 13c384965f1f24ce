using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Rds.Tools.Import;

/// <summary>
/// A request body that encodes the chunk's lines straight onto the connection in small blocks, reporting bytes
/// as they go out, instead of building one large byte array per request.
/// </summary>
internal sealed class NdjsonChunkContent : HttpContent
{
    public const string MediaType = "application/x-ndjson";

    private const int BlockSize = 64 * 1024;

    private readonly NdjsonChunk chunk;
    private readonly Action<long> onBytesSent;

    public NdjsonChunkContent(NdjsonChunk chunk, Action<long> onBytesSent)
    {
        this.chunk = chunk;
        this.onBytesSent = onBytesSent;
        Headers.ContentType = new MediaTypeHeaderValue(MediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var block = new MemoryStream(BlockSize * 2);
        foreach (var line in chunk.Lines)
        {
            var bytes = encoding.GetBytes(line);
            block.Write(bytes);
            block.WriteByte((byte)'\n');
            if (block.Length >= BlockSize)
            {
                await FlushBlockAsync(block, stream, cancellationToken);
            }
        }

        await FlushBlockAsync(block, stream, cancellationToken);
    }

    /// <summary>Known up front, so the gateway can refuse an oversized body (413) before reading it.</summary>
    protected override bool TryComputeLength(out long length)
    {
        length = chunk.ByteCount;
        return true;
    }

    private async Task FlushBlockAsync(MemoryStream block, Stream stream, CancellationToken cancellationToken)
    {
        if (block.Length == 0)
        {
            return;
        }

        await stream.WriteAsync(block.GetBuffer().AsMemory(0, (int)block.Length), cancellationToken);
        onBytesSent(block.Length);
        block.SetLength(0);
    }
}
