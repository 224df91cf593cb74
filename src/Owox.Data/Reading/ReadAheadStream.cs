using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
#if NETSTANDARD2_0 || NETFRAMEWORK
using System.Runtime.InteropServices;
#endif
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Reading;

/// <summary>
/// The one reader of a response body: a background loop reads the body into a <see cref="Pipe"/> while the consumer
/// parses, so socket reads happen on another core instead of between rows, and every read of this stream takes all
/// that has arrived (up to the caller's buffer). Memory stays bounded (the loop pauses at <see cref="PauseBytes"/>
/// unread, and TCP flow control slows the server), and nothing is lost or reordered: a transport failure reaches the
/// consumer after every byte received before it.
/// </summary>
/// <remarks>
/// <para>
/// Ownership. Only the loop touches the body, and the loop disposes the body and its response when it exits, so a
/// response is never disposed under a read of its own. Disposing the body under a read is what corrupted results
/// before: <c>SocketsHttpHandler</c> answers a dispose of an unfinished body by draining it
/// (up to 1 MiB within 2 s) on another thread, which then reads the connection alongside the loop and may hand it
/// back to the pool while the loop still reads it. <see cref="Abort"/> therefore only cancels: the loop's read with
/// its token (the handler closes the connection, which also tells the server to stop), and the consumer's wait on the
/// pipe. A body whose stream ignores the token is disposed after <see cref="AbortGrace"/> instead; whatever its read
/// then returns is dropped. The pipe's pooled segments are handed back only by the consumer side, never under a read.
/// </para>
/// <para>
/// The real server writes every row as its own HTTP chunk, so one read of the body returns only what the HTTP stack
/// has parsed out of its connection buffer (a few KiB). The pipe gathers those reads, wakes the consumer only when it
/// is waiting, and wakes the loop only when the consumer has drained it to <see cref="ResumeBytes"/>.
/// </para>
/// </remarks>
internal sealed class ReadAheadStream : ReadOnlyStream
{
    /// <summary>Unread bytes at which the loop stops reading the body.</summary>
    public const int PauseBytes = 1024 * 1024;

    /// <summary>Unread bytes below which a paused loop reads again.</summary>
    public const int ResumeBytes = PauseBytes / 2;

    /// <summary>The pipe's segment size, and so the most one read of the body takes.</summary>
    public const int SegmentSize = 64 * 1024;

    /// <summary>How long an aborted loop may take to notice its token before the body is disposed under it.</summary>
    public static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(1);

    private readonly Stream _body;
    private readonly IDisposable? _owner;
    private readonly Pipe _pipe = new(new PipeOptions(
        pauseWriterThreshold: PauseBytes, resumeWriterThreshold: ResumeBytes, minimumSegmentSize: SegmentSize, useSynchronizationContext: false));
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Task _loop;
    private ExceptionDispatchInfo? _failure;
    private int _aborted;
    private int _bodyDisposed;
    private bool _reading;
    private bool _disposed;
    private bool _readerCompleted;

    /// <summary>Starts reading <paramref name="body"/>; <paramref name="owner"/> (its response) is disposed with it when the loop ends.</summary>
    public ReadAheadStream(Stream body, IDisposable? owner = null)
    {
        _body = body;
        _owner = owner;
        _loop = Task.Run(FillAsync);
    }

    /// <summary>True once <see cref="Abort"/> was called.</summary>
    public bool IsAborted => Volatile.Read(ref _aborted) == 1;

    /// <summary>Completes when the loop has ended and the body is disposed.</summary>
    public Task Completion => _loop;

    /// <summary>
    /// Stops the loop (the server learns it when the connection closes) and wakes a consumer waiting on the pipe with an
    /// <see cref="OperationCanceledException"/>. Thread-safe, idempotent, and never disposes anything a read is using.
    /// </summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) == 1)
            return;
        _stop.Cancel();
        _pipe.Reader.CancelPendingRead();
        if (!_loop.IsCompleted)
        {
            _ = Task.Delay(AbortGrace).ContinueWith(
                static (_, state) => ((ReadAheadStream)state!).DisposeBody(), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public override int Read(Span<byte> buffer)
    {
        EnterRead();
        try
        {
            while (true)
            {
                if (!_pipe.Reader.TryRead(out var result))
                    result = _pipe.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
                if (TryTake(result, buffer, out var taken))
                    return taken;
            }
        }
        finally
        {
            ExitRead();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

#if NETSTANDARD2_0 || NETFRAMEWORK
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
#else
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
#endif
    {
        EnterRead();
        if (_pipe.Reader.TryRead(out var ready))
        {
            try
            {
                if (TryTake(ready, buffer.Span, out var taken))
                    return new ValueTask<int>(taken);
            }
            catch
            {
                ExitRead();
                throw;
            }
        }
        return WaitAndTakeAsync(buffer, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Abort();
            lock (_gate)
            {
                _disposed = true;
                if (!_reading)
                    CompleteReader();
            }
        }
        base.Dispose(disposing);
    }

    private async ValueTask<int> WaitAndTakeAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var result = await _pipe.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (TryTake(result, buffer.Span, out var taken))
                    return taken;
            }
        }
        finally
        {
            ExitRead();
        }
    }

    private void EnterRead()
    {
        lock (_gate)
        {
            if (_disposed)
                throw new ObjectDisposedException(nameof(ReadAheadStream));
            _reading = true;
        }
    }

    private void ExitRead()
    {
        lock (_gate)
        {
            _reading = false;
            if (_disposed)
                CompleteReader();
        }
    }

    /// <summary>Hands the pipe's segments back: only when no read is copying out of them (called under the gate).</summary>
    private void CompleteReader()
    {
        if (_readerCompleted)
            return;
        _readerCompleted = true;
        _pipe.Reader.Complete();
    }

    /// <summary>
    /// Copies what <paramref name="result"/> holds into <paramref name="destination"/> and marks it read: true with the
    /// count, or with 0 at the end of the body (throwing the failure that ended it, if one did); false when the result
    /// held nothing yet. An aborted stream throws instead of handing out more bytes.
    /// </summary>
    private bool TryTake(ReadResult result, Span<byte> destination, out int taken)
    {
        if (result.IsCanceled || IsAborted)
            throw new OperationCanceledException("The read-ahead of the response body was aborted.", _stop.Token);
        var received = result.Buffer;
        if (received.IsEmpty)
        {
            _pipe.Reader.AdvanceTo(received.End);
            taken = 0;
            if (!result.IsCompleted)
                return destination.IsEmpty;
            Volatile.Read(ref _failure)?.Throw();
            return true;
        }
        taken = (int)Math.Min(received.Length, destination.Length);
        received.Slice(0, taken).CopyTo(destination);
        _pipe.Reader.AdvanceTo(received.GetPosition(taken));
        return true;
    }

    /// <summary>
    /// The loop: reads the body into the pipe until it ends, fails, or is aborted, then disposes the body. A failure is
    /// kept aside and the pipe completed cleanly, so that the bytes before it are still read first.
    /// </summary>
    private async Task FillAsync()
    {
        var writer = _pipe.Writer;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory();
#if NETSTANDARD2_0 || NETFRAMEWORK
                if (!MemoryMarshal.TryGetArray<byte>(memory, out var segment))
                    throw new InvalidOperationException("The pipe's memory is not array-backed.");
                var read = await _body.ReadAsync(segment.Array!, segment.Offset, segment.Count, _stop.Token).ConfigureAwait(false);
#else
                var read = await _body.ReadAsync(memory, _stop.Token).ConfigureAwait(false);
#endif
                if (read == 0 || IsAborted)
                    break;
                writer.Advance(read);
                var flushed = await writer.FlushAsync(_stop.Token).ConfigureAwait(false);
                if (flushed.IsCompleted || flushed.IsCanceled)
                    break;
            }
        }
        catch (Exception e) when (!IsAborted)
        {
            Volatile.Write(ref _failure, ExceptionDispatchInfo.Capture(e));
        }
        catch (Exception)
        {
            // Aborted: whatever the last read threw or returned is nobody's any more.
        }
        DisposeBody();
        await writer.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Disposes the body and its response, once: by the loop as it ends, or after <see cref="AbortGrace"/> by an abort it ignored.</summary>
    private void DisposeBody()
    {
        if (Interlocked.Exchange(ref _bodyDisposed, 1) == 1)
            return;
        _body.Dispose();
        _owner?.Dispose();
    }
}
