using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Reading;

namespace Owox.Data.Tests.Reading;

public sealed class ReadAheadStreamTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Every_byte_arrives_in_order_whatever_the_read_sizes(bool async)
    {
        var random = new Random(5);
        var payload = new byte[(ReadAheadStream.PauseBytes * 3) + 1234];
        random.NextBytes(payload);
        using var stream = new ReadAheadStream(new TricklingStream(payload, random));
        var received = new MemoryStream();
        var buffer = new byte[200_000];
        while (true)
        {
            var size = random.Next(1, buffer.Length);
            var read = async ? await stream.ReadAsync(buffer.AsMemory(0, size)) : stream.Read(buffer, 0, size);
            if (read == 0)
                break;
            received.Write(buffer, 0, read);
        }
        Assert.Equal(payload, received.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_failure_arrives_after_every_byte_received_before_it(bool async)
    {
        var payload = new byte[(ReadAheadStream.PauseBytes * 2) + 10];
        new Random(6).NextBytes(payload);
        using var stream = new ReadAheadStream(new TricklingStream(payload, new Random(7)) { FailAtEnd = new IOException("connection reset") });
        var received = new MemoryStream();
        var buffer = new byte[4096];
        var failure = await Assert.ThrowsAsync<IOException>(async () =>
        {
            while (true)
            {
                var read = async ? await stream.ReadAsync(buffer) : stream.Read(buffer, 0, buffer.Length);
                if (read == 0)
                    return;
                received.Write(buffer, 0, read);
            }
        });
        Assert.Equal("connection reset", failure.Message);
        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public async Task One_read_takes_everything_received_across_many_small_reads_of_the_body()
    {
        var payload = new byte[ReadAheadStream.ResumeBytes];
        new Random(8).NextBytes(payload);
        using var stream = new ReadAheadStream(new TricklingStream(payload, new Random(9)));
        var buffer = new byte[payload.Length];
        Assert.Equal(1, await stream.ReadAsync(buffer.AsMemory(0, 1)));
        await Task.Delay(300);
        var read = await stream.ReadAsync(buffer.AsMemory(1));
        Assert.Equal(payload.Length - 1, read);
        Assert.Equal(payload, buffer);
    }

    [Fact]
    public async Task It_reads_a_bounded_amount_ahead_of_a_consumer_that_stops()
    {
        var endless = new EndlessStream();
        var stream = new ReadAheadStream(endless);
        using (stream)
        {
            Assert.Equal(1, await stream.ReadAsync(new byte[1]));
            await Task.Delay(300);
            Assert.InRange(endless.BytesRead, 1, ReadAheadStream.PauseBytes + (2L * ReadAheadStream.SegmentSize));
        }
        await stream.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(endless.Disposed);
    }

    [Fact]
    public async Task A_wait_for_bytes_observes_the_callers_token_and_dispose_cancels_the_read_in_flight_before_disposing_the_body()
    {
        var stalled = new StalledStream();
        var owner = new StalledStream();
        var stream = new ReadAheadStream(stalled, owner);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stream.ReadExactlyAsync(new byte[10], cancel.Token));
        await stream.DisposeAsync();
        await stalled.ReadAborted.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await stream.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(stalled.Disposed);
        Assert.True(owner.Disposed);
        Assert.False(stalled.DisposedDuringRead);
    }

    [Fact]
    public async Task Abort_wakes_a_blocked_sync_read_at_once()
    {
        var stream = new ReadAheadStream(new StalledStream());
        var aborter = Task.Run(async () =>
        {
            await Task.Delay(100);
            stream.Abort();
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => stream.Read(new byte[10], 0, 10));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
        await aborter;
        Assert.ThrowsAny<OperationCanceledException>(() => stream.Read(new byte[10], 0, 10));
        stream.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stream.Read(new byte[10], 0, 10));
    }

    [Fact]
    public async Task A_body_that_ignores_cancellation_is_disposed_after_the_grace_period()
    {
        var deaf = new DeafStream();
        var stream = new ReadAheadStream(deaf);
        await deaf.Reading.Task.WaitAsync(TimeSpan.FromSeconds(5));
        stream.Dispose();
        Assert.False(deaf.Disposed);
        await deaf.DisposedSignal.Task.WaitAsync(ReadAheadStream.AbortGrace + TimeSpan.FromSeconds(5));
        await stream.Completion.WaitAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>Serves a payload in reads of random small sizes, sometimes completing asynchronously, then optionally fails.</summary>
    private sealed class TricklingStream(byte[] payload, Random random) : ReadOnlyStream
    {
        private int _position;

        public Exception? FailAtEnd { get; init; }

        public override int Read(Span<byte> buffer) => throw new NotSupportedException("the read-ahead loop reads asynchronously");

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            int size;
            lock (random)
            {
                size = Math.Min(buffer.Length, random.Next(1, 20_000));
                if (random.Next(4) == 0)
                    size = -size;
            }
            if (size < 0)
            {
                await Task.Yield();
                size = -size;
            }
            if (_position == payload.Length)
                return FailAtEnd is null ? 0 : throw FailAtEnd;
            size = Math.Min(size, payload.Length - _position);
            payload.AsMemory(_position, size).CopyTo(buffer);
            _position += size;
            return size;
        }
    }

    private sealed class EndlessStream : ReadOnlyStream
    {
        private long _bytesRead;

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public bool Disposed { get; private set; }

        public override int Read(Span<byte> buffer) => throw new NotSupportedException();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Add(ref _bytesRead, buffer.Length);
            return ValueTask.FromResult(buffer.Length);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>A body whose first read never completes until it is cancelled (a server that went quiet).</summary>
    private sealed class StalledStream : ReadOnlyStream
    {
        public TaskCompletionSource ReadAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Disposed { get; private set; }

        public override int Read(Span<byte> buffer) => throw new NotSupportedException();

        public bool DisposedDuringRead { get; private set; }

        private bool _reading;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _reading = true;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return 0;
            }
            finally
            {
                _reading = false;
                ReadAborted.TrySetResult();
            }
        }

        protected override void Dispose(bool disposing)
        {
            DisposedDuringRead |= _reading;
            Disposed = true;
            base.Dispose(disposing);
        }
    }

    /// <summary>A body whose read ignores its token (as some platforms' streams do) and ends only when it is disposed.</summary>
    private sealed class DeafStream : ReadOnlyStream
    {
        private readonly TaskCompletionSource<int> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource DisposedSignal { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Disposed { get; private set; }

        public override int Read(Span<byte> buffer) => throw new NotSupportedException();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reading.TrySetResult();
            return new ValueTask<int>(_ended.Task);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            DisposedSignal.TrySetResult();
            _ended.TrySetException(new ObjectDisposedException(nameof(DeafStream)));
            base.Dispose(disposing);
        }
    }
}
