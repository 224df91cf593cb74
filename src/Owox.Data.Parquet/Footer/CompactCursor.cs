using System;
using System.Collections.Generic;
using System.IO;

namespace Owox.Data.Parquet.Footer;

/// <summary>
/// A position in bytes of the Thrift compact protocol, which Parquet's metadata is written in: reads field headers and
/// integers, skips values of any type, and splits a struct into its fields' byte ranges, so that a struct of the
/// metadata can be written anew (<see cref="CompactWriter"/>) and everything around it copied as it is.
/// </summary>
internal ref struct CompactCursor(ReadOnlySpan<byte> bytes)
{
    public const byte Stop = 0;
    public const byte BooleanTrue = 1;
    public const byte BooleanFalse = 2;
    public const byte Byte = 3;
    public const byte Int16 = 4;
    public const byte Int32 = 5;
    public const byte Int64 = 6;
    public const byte Double = 7;
    public const byte Binary = 8;
    public const byte List = 9;
    public const byte Set = 10;
    public const byte Map = 11;
    public const byte Struct = 12;

    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public int Position { get; private set; }

    public byte ReadByte() => Position < _bytes.Length ? _bytes[Position++] : throw Truncated();

    /// <summary>The next field of the struct being read, its id counted from <paramref name="lastId"/> (the previous field's); type <see cref="Stop"/> at its end.</summary>
    public (short Id, byte Type) ReadFieldHeader(ref short lastId)
    {
        var header = ReadByte();
        var type = (byte)(header & 0x0F);
        if (type == Stop)
            return (0, Stop);
        var delta = header >> 4;
        lastId = delta == 0 ? checked((short)ReadZigZag()) : checked((short)(lastId + delta));
        return (lastId, type);
    }

    /// <summary>A list or set header: its element type and count.</summary>
    public (byte ElementType, int Count) ReadListHeader()
    {
        var header = ReadByte();
        var count = header >> 4;
        return ((byte)(header & 0x0F), count == 15 ? checked((int)ReadVarint()) : count);
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
        throw new InvalidDataException("A Thrift varint in the Parquet metadata is longer than 64 bits.");
    }

    public long ReadZigZag()
    {
        var value = ReadVarint();
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    /// <summary>The bytes of a binary (string) value.</summary>
    public ReadOnlySpan<byte> ReadBinary()
    {
        var length = checked((int)ReadVarint());
        if (length > _bytes.Length - Position)
            throw Truncated();
        var value = _bytes.Slice(Position, length);
        Position += length;
        return value;
    }

    /// <summary>Skips a field's value of <paramref name="type"/> (a boolean field's value is in its header).</summary>
    public void Skip(byte type)
    {
        switch (type)
        {
            case BooleanTrue or BooleanFalse:
                return;
            case Byte:
                ReadByte();
                return;
            case Int16 or Int32 or Int64:
                ReadVarint();
                return;
            case Double:
                Advance(8);
                return;
            case Binary:
                ReadBinary();
                return;
            case List or Set:
                var (elementType, count) = ReadListHeader();
                for (var i = 0; i < count; i++)
                    SkipElement(elementType);
                return;
            case Map:
                var entries = checked((int)ReadVarint());
                if (entries == 0)
                    return;
                var types = ReadByte();
                for (var i = 0; i < entries; i++)
                {
                    SkipElement((byte)(types >> 4));
                    SkipElement((byte)(types & 0x0F));
                }
                return;
            case Struct:
                short lastId = 0;
                for (var field = ReadFieldHeader(ref lastId); field.Type != Stop; field = ReadFieldHeader(ref lastId))
                    Skip(field.Type);
                return;
            default:
                throw new InvalidDataException($"Unknown Thrift compact type {type} in the Parquet metadata.");
        }
    }

    /// <summary>The fields of the struct that starts here, each with the byte range of its value (empty for a boolean).</summary>
    public List<CompactField> ReadStruct()
    {
        var fields = new List<CompactField>();
        short lastId = 0;
        for (var field = ReadFieldHeader(ref lastId); field.Type != Stop; field = ReadFieldHeader(ref lastId))
        {
            var start = Position;
            Skip(field.Type);
            fields.Add(new CompactField(field.Id, field.Type, start, Position - start));
        }
        return fields;
    }

    /// <summary>Skips a list, set or map element, where a boolean takes one byte.</summary>
    private void SkipElement(byte type)
    {
        if (type is BooleanTrue or BooleanFalse)
            ReadByte();
        else
            Skip(type);
    }

    private void Advance(int count)
    {
        if (count > _bytes.Length - Position)
            throw Truncated();
        Position += count;
    }

    private static InvalidDataException Truncated() => new("The Parquet metadata ends in the middle of a value.");
}
