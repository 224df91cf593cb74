using System;
using System.Buffers;

namespace Owox.Data.Parquet.Footer;

/// <summary>Writes the fields of one Thrift compact struct: headers with the id deltas the protocol counts from the previous field, then the value bytes.</summary>
internal sealed class CompactWriter(ArrayBufferWriter<byte> output)
{
    private short _lastId;

    /// <summary>A field whose value is already encoded (<paramref name="value"/>: empty for a boolean, whose value is its type).</summary>
    public void Field(short id, byte type, ReadOnlySpan<byte> value)
    {
        var delta = id - _lastId;
        if (delta is > 0 and <= 15)
        {
            output.Write([(byte)((delta << 4) | type)]);
        }
        else
        {
            output.Write([type]);
            WriteZigZag(id);
        }
        _lastId = id;
        output.Write(value);
    }

    /// <summary>An <c>i32</c> field (enums are <c>i32</c>).</summary>
    public void Int32(short id, int value)
    {
        Span<byte> bytes = stackalloc byte[5];
        Field(id, CompactCursor.Int32, bytes[..ZigZag(value, bytes)]);
    }

    /// <summary>Ends the struct.</summary>
    public void Stop() => output.Write([CompactCursor.Stop]);

    private void WriteZigZag(int value)
    {
        Span<byte> bytes = stackalloc byte[5];
        output.Write(bytes[..ZigZag(value, bytes)]);
    }

    private static int ZigZag(int value, Span<byte> bytes)
    {
        var encoded = (uint)((value << 1) ^ (value >> 31));
        var length = 0;
        while (encoded >= 0x80)
        {
            bytes[length++] = (byte)(encoded | 0x80);
            encoded >>= 7;
        }
        bytes[length++] = (byte)encoded;
        return length;
    }
}
