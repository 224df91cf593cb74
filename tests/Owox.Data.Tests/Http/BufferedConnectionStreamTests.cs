using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Http;
using Xunit;

namespace Owox.Data.Tests.Http;

public sealed class BufferedConnectionStreamTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Small_reads_are_served_from_whole_blocks_and_every_byte_arrives_in_order(bool async)
    {
        var payload = new byte[(BufferedConnectionStream.BlockSize * 5) + 321];
        new Random(11).NextBytes(payload);
        var connection = new Connection(payload);
        using var stream = new BufferedConnectionStream(connection);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = async ? await stream.ReadAsync(buffer) : stream.Read(buffer, 0, buffer.Length)) > 0)
            received.Write(buffer, 0, read);
        Assert.Equal(payload, received.ToArray());
        Assert.Equal(7, connection.Reads);
    }

    [Fact]
    public async Task A_read_of_a_block_or_more_goes_straight_to_the_connection_once_the_buffer_is_empty()
    {
        var payload = new byte[BufferedConnectionStream.BlockSize * 3];
        new Random(12).NextBytes(payload);
        var connection = new Connection(payload);
        using var stream = new BufferedConnectionStream(connection);
        var small = new byte[10];
        Assert.Equal(10, await stream.ReadAsync(small));
        var large = new byte[BufferedConnectionStream.BlockSize * 2];
        Assert.Equal(BufferedConnectionStream.BlockSize - 10, await stream.ReadAsync(large));
        Assert.Equal(BufferedConnectionStream.BlockSize * 2, await stream.ReadAsync(large));
        Assert.Equal(payload.AsSpan(BufferedConnectionStream.BlockSize).ToArray(), large);
        Assert.Equal(2, connection.Reads);
    }

    [Fact]
    public async Task A_zero_byte_read_waits_on_the_connection_only_when_nothing_is_buffered()
    {
        var connection = new Connection(new byte[100]);
        using var stream = new BufferedConnectionStream(connection);
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty));
        Assert.Equal(1, connection.ZeroByteReads);
        Assert.Equal(1, await stream.ReadAsync(new byte[1]));
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty));
        Assert.Equal(1, connection.ZeroByteReads);
    }

    [Fact]
    public async Task A_failed_read_leaves_nothing_stale_behind_and_writes_pass_through()
    {
        var connection = new Connection(new byte[100]) { FailNextRead = true };
        using var stream = new BufferedConnectionStream(connection);
        Assert.Equal(100, await stream.ReadAsync(new byte[200]));
        await Assert.ThrowsAsync<IOException>(async () => Assert.Equal(0, await stream.ReadAsync(new byte[200])));
        Assert.Equal(0, await stream.ReadAsync(new byte[200]));

        await stream.WriteAsync(new byte[] { 1, 2, 3 });
        stream.Write([4]);
        await stream.FlushAsync();
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, connection.Written.ToArray());
        Assert.Equal(1, connection.Flushes);
    }

    /// <summary>A connection that returns whatever the caller asks for, up to the end, and counts what it was asked.</summary>
    private sealed class Connection(byte[] payload) : Stream
    {
        private int _position;

        public int Reads { get; private set; }

        public int ZeroByteReads { get; private set; }

        public int Flushes { get; private set; }

        public bool FailNextRead { get; set; }

        public MemoryStream Written { get; } = new();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
            {
                ZeroByteReads++;
                return 0;
            }
            Reads++;
            if (_position == payload.Length && FailNextRead)
            {
                FailNextRead = false;
                throw new IOException("connection reset");
            }
            var count = Math.Min(buffer.Length, payload.Length - _position);
            payload.AsSpan(_position, count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

        public override void Flush() => Flushes++;

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flush();
            return Task.CompletedTask;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
