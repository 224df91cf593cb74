#if NET8_0_OR_GREATER
using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Http;

/// <summary>
/// The connection under <see cref="SocketsHttpHandler"/>, read from the socket in blocks of <see cref="BlockSize"/>.
/// The real server writes every row as its own HTTP chunk, and the handler decodes chunks out of a 4 KiB buffer of
/// its own, so without this every 4 KiB (some 14 rows) cost a receive system call; with it, one call per 64 KiB and a
/// copy. A read of at least a block with nothing buffered goes straight to the socket (the handler's large reads of
/// big chunks). Writes, flushes and zero-byte reads (the handler's wait for data) pass through.
/// </summary>
internal sealed class BufferedConnectionStream(Stream inner) : Stream
{
    public const int BlockSize = 64 * 1024;

    private readonly byte[] _block = new byte[BlockSize];
    private int _start;
    private int _end;

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/>: the handler's own TCP connect (no delay, every address of the host), buffered.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new BufferedConnectionStream(new NetworkStream(socket, ownsSocket: true));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_start == _end && !buffer.IsEmpty)
        {
            if (buffer.Length >= BlockSize)
                return inner.Read(buffer);
            _start = _end = 0;
            _end = inner.Read(_block);
        }
        return Take(buffer);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_start < _end)
            return ValueTask.FromResult(Take(buffer.Span));
        if (buffer.IsEmpty || buffer.Length >= BlockSize)
            return inner.ReadAsync(buffer, cancellationToken);
        return FillAndTakeAsync(buffer, cancellationToken);
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    private async ValueTask<int> FillAndTakeAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        _start = _end = 0;
        _end = await inner.ReadAsync(_block, cancellationToken).ConfigureAwait(false);
        return Take(buffer.Span);
    }

    private int Take(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _end - _start);
        _block.AsSpan(_start, count).CopyTo(buffer);
        _start += count;
        return count;
    }
}
#endif
