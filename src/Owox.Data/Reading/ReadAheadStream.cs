#if NET8_0_OR_GREATER
using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Reading;

/// <summary>
/// Reads a response body ahead of its consumer: a background loop reads the body into a <see cref="Pipe"/> while the
/// reader parses, so socket reads happen on another core instead of between rows, and every read of this stream takes
/// all that has arrived (up to the caller's buffer). Memory stays bounded (the loop pauses at
/// <see cref="PauseBytes"/> unread, and TCP flow control slows the server), and nothing is lost or reordered: a
/// transport failure reaches the consumer after every byte received before it. Disposing stops the loop and disposes
/// the body, which aborts a read in flight.
/// </summary>
/// <remarks>
/// The real server writes every row as its own HTTP chunk, so one read of the body returns only what the HTTP stack
/// has parsed out of its small connection buffer (about 4 KiB, some 14 rows). Handing each such read to the parser
/// as a unit woke one thread or the other every few rows; the pipe instead gathers them, wakes the parser only when
/// it is waiting, and wakes the loop only when the parser has drained it to <see cref="ResumeBytes"/> (each wake puts
/// a thread-pool thread to work, which then spins before it sleeps — on two busy cores, a tenth of the CPU).
/// </remarks>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    /// <summary>Unread bytes at which the loop stops reading the body.</summary>
    public const int PauseBytes = 1024 * 1024;

    /// <summary>Unread bytes below which a paused loop reads again.</summary>
    public const int ResumeBytes = PauseBytes / 2;

    /// <summary>The pipe's segment size, and so the most one read of the body takes.</summary>
    public const int SegmentSize = 64 * 1024;

    private readonly Stream _inner;
    private readonly Pipe _pipe = new(new PipeOptions(
        pauseWriterThreshold: PauseBytes, resumeWriterThreshold: ResumeBytes, minimumSegmentSize: SegmentSize, useSynchronizationContext: false));
    private readonly CancellationTokenSource _stop = new();
    private volatile ExceptionDispatchInfo? _failure;
    private int _disposed;

    public ReadAheadStream(Stream inner)
    {
        _inner = inner;
        _ = Task.Run(FillAsync);
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        while (true)
        {
            if (!_pipe.Reader.TryRead(out var result))
                result = _pipe.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
            if (TryTake(result, buffer, out var taken))
                return taken;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed == 1, this);
        while (true)
        {
            if (!_pipe.Reader.TryRead(out var result))
                result = await _pipe.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (TryTake(result, buffer.Span, out var taken))
                return taken;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stop.Cancel();
            _inner.Dispose();
            _pipe.Reader.Complete();
        }
        base.Dispose(disposing);
    }

    /// <summary>
    /// Copies what <paramref name="result"/> holds into <paramref name="destination"/> and marks it read: true with the
    /// count, or with 0 at the end of the body (throwing the failure that ended it, if one did); false when the result
    /// held nothing yet.
    /// </summary>
    private bool TryTake(ReadResult result, Span<byte> destination, out int taken)
    {
        var received = result.Buffer;
        if (received.IsEmpty)
        {
            _pipe.Reader.AdvanceTo(received.End);
            taken = 0;
            if (!result.IsCompleted)
                return destination.IsEmpty;
            _failure?.Throw();
            return true;
        }
        taken = (int)Math.Min(received.Length, destination.Length);
        received.Slice(0, taken).CopyTo(destination);
        _pipe.Reader.AdvanceTo(received.GetPosition(taken));
        return true;
    }

    /// <summary>
    /// The loop: reads the body into the pipe until it ends, fails, or the stream is disposed. A failure is kept aside
    /// and the pipe completed cleanly, so that the bytes before it are still read first.
    /// </summary>
    private async Task FillAsync()
    {
        var writer = _pipe.Writer;
        try
        {
            while (true)
            {
                var read = await _inner.ReadAsync(writer.GetMemory(), _stop.Token).ConfigureAwait(false);
                if (read == 0)
                    break;
                writer.Advance(read);
                var flushed = await writer.FlushAsync(_stop.Token).ConfigureAwait(false);
                if (flushed.IsCompleted)
                    break;
            }
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
        }
        await writer.CompleteAsync().ConfigureAwait(false);
    }
}
#endif
