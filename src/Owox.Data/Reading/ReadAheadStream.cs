#if NET8_0_OR_GREATER
using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Owox.Data.Reading;

/// <summary>
/// Reads a response body ahead of its consumer: a background loop keeps up to <see cref="ChunkCount"/> chunks of at
/// most <see cref="MaxChunkSize"/> bytes received while the reader parses, so socket reads happen on another core instead of
/// between rows. Memory stays bounded (the loop waits when the chunks are full, and TCP flow control slows the
/// server), and nothing is lost or reordered: a transport failure reaches the consumer after every byte received
/// before it. Disposing stops the loop and disposes the body, which aborts a read in flight.
/// </summary>
/// <remarks>
/// Every chunk the consumer takes wakes the loop on a thread-pool thread, which then spins before it sleeps: with
/// 64 KiB chunks throughout, that hand-off cost the reading process more CPU than the socket reads it moved off the
/// parsing thread (about 1,260 against 910 ns per row with 1 MiB chunks, in the benchmark's 13-column rows). So a chunk
/// starts at <see cref="InitialChunkSize"/> and doubles, up to <see cref="MaxChunkSize"/>, each time a read fills it
/// (the server is ahead of the reader): a short result or a slow stream never holds more than small chunks, a long
/// fast one moves in few hand-offs. One read takes whatever the socket holds, up to the chunk's size.
/// </remarks>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    public const int InitialChunkSize = 64 * 1024;
    public const int MaxChunkSize = 1024 * 1024;
    public const int ChunkCount = 2;

    private readonly Stream _inner;
    private readonly Channel<ArraySegment<byte>> _chunks =
        Channel.CreateBounded<ArraySegment<byte>>(new BoundedChannelOptions(ChunkCount) { SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private ArraySegment<byte> _current;
    private int _position;
    private int _disposed;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _ = Task.Run(FillAsync);
    }

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (TryCopy(buffer, out var copied))
                return copied;
            if (!_chunks.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TryCopy(buffer.Span, out var copied))
                return copied;
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                return 0;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stop.Cancel();
            _inner.Dispose();
            Release(_current);
            _current = default;
            ReleaseQueued();
        }
        base.Dispose(disposing);
    }

    /// <summary>Copies from the chunk in hand, taking the next received chunk when it is used up; false when none is ready.</summary>
    private bool TryCopy(Span<byte> destination, out int copied)
    {
        copied = 0;
        if (destination.IsEmpty)
            return true;
        if (_position == _current.Count)
        {
            Release(_current);
            _current = default;
            _position = 0;
            if (!_chunks.Reader.TryRead(out _current))
                return false;
        }
        copied = Math.Min(destination.Length, _current.Count - _position);
        _current.AsSpan(_position, copied).CopyTo(destination);
        _position += copied;
        return true;
    }

    private async Task FillAsync()
    {
        try
        {
            var size = InitialChunkSize;
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(size);
                int read;
                try
                {
                    read = await _inner.ReadAsync(buffer.AsMemory(0, size), _stop.Token).ConfigureAwait(false);
                    if (read > 0)
                        await _chunks.Writer.WriteAsync(new ArraySegment<byte>(buffer, 0, read), _stop.Token).ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }
                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    _chunks.Writer.TryComplete();
                    return;
                }
                if (read == size && size < MaxChunkSize)
                    size *= 2;
            }
        }
        catch (Exception e)
        {
            _chunks.Writer.TryComplete(e);
            if (Volatile.Read(ref _disposed) == 1)
                ReleaseQueued();
        }
    }

    /// <summary>Returns the buffers of chunks received but never read (after disposal) to the pool.</summary>
    private void ReleaseQueued()
    {
        while (_chunks.Reader.TryRead(out var chunk))
            Release(chunk);
    }

    private static void Release(ArraySegment<byte> chunk)
    {
        if (chunk.Array is { Length: > 0 } array)
            ArrayPool<byte>.Shared.Return(array);
    }
}
#endif
