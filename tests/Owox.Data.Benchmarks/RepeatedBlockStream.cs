using System;
using Owox.Data.Reading;

namespace Owox.Data.Benchmarks;

/// <summary>A read-only stream of <paramref name="block"/> repeated <paramref name="repeat"/> times — what the emulator serves, without the socket.</summary>
internal sealed class RepeatedBlockStream(byte[] block, int repeat) : ReadOnlyStream
{
    private int _block;
    private int _offset;

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
}
