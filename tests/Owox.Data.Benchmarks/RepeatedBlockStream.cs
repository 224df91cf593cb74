using System;
using System.IO;

namespace Owox.Data.Benchmarks;

/// <summary>A read-only stream of <paramref name="block"/> repeated <paramref name="repeat"/> times — what the emulator serves, without the socket.</summary>
internal sealed class RepeatedBlockStream(byte[] block, int repeat) : Stream
{
    private int _block;
    private int _offset;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_offset == block.Length)
        {
            _block++;
            _offset = 0;
        }
        if (_block >= repeat)
            return 0;
        var count = Math.Min(buffer.Length, block.Length - _offset);
        block.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
