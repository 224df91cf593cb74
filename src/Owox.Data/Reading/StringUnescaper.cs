using System;
#if NET8_0_OR_GREATER
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
#endif

namespace Owox.Data.Reading;

/// <summary>
/// Turns the contents of a JSON string that <see cref="RowTokenizer"/> has already checked (every escape one JSON
/// defines) into the UTF-8 it stands for, in one pass: plain runs are copied, escapes decoded, and a <c>\uXXXX</c> pair
/// of surrogates joined into one code point. This replaces a second parse of the string by
/// <see cref="System.Text.Json.Utf8JsonReader"/> (docs/benchmarks.md).
/// </summary>
internal static class StringUnescaper
{
    /// <summary>
    /// Writes the unescaped UTF-8 of <paramref name="escaped"/> to <paramref name="destination"/> (never longer than
    /// <paramref name="escaped"/>) and returns its length; throws <see cref="FormatException"/> for a surrogate
    /// <c>\u</c> escape without its other half, which no UTF-8 can hold.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> escaped, Span<byte> destination)
    {
        var read = 0;
        var written = 0;
#if NET8_0_OR_GREATER
        // Long text has an escape every few words: 32 bytes are copied and searched at a time (unescaping never writes
        // ahead of what it read, so the block stored past an escape is overwritten by what follows it).
        if (Vector256.IsHardwareAccelerated)
        {
            ref var source = ref MemoryMarshal.GetReference(escaped);
            ref var target = ref MemoryMarshal.GetReference(destination);
            while (read <= escaped.Length - Vector256<byte>.Count && written <= destination.Length - Vector256<byte>.Count)
            {
                var block = Vector256.LoadUnsafe(ref source, (nuint)read);
                block.StoreUnsafe(ref target, (nuint)written);
                var backslashes = Vector256.Equals(block, Vector256.Create((byte)'\\')).ExtractMostSignificantBits();
                if (backslashes == 0)
                {
                    read += Vector256<byte>.Count;
                    written += Vector256<byte>.Count;
                    continue;
                }
                var plain = BitOperations.TrailingZeroCount(backslashes);
                read += plain;
                written += plain;
                DecodeEscape(escaped, ref read, destination, ref written);
            }
        }
#endif
        while (true)
        {
            var rest = escaped.Slice(read);
            var backslash = rest.IndexOf((byte)'\\');
            if (backslash < 0)
            {
                rest.CopyTo(destination.Slice(written));
                return written + rest.Length;
            }
            rest.Slice(0, backslash).CopyTo(destination.Slice(written));
            read += backslash;
            written += backslash;
            DecodeEscape(escaped, ref read, destination, ref written);
        }
    }

    /// <summary>Decodes the escape at <paramref name="read"/> (its backslash) to <paramref name="written"/>, and moves both past it.</summary>
    private static void DecodeEscape(ReadOnlySpan<byte> escaped, ref int read, Span<byte> destination, ref int written)
    {
        var escape = escaped[read + 1];
        if (escape == (byte)'u')
        {
            var unit = Hex4(escaped.Slice(read + 2));
            var consumed = 6;
            int codePoint = unit;
            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                var low = escaped.Length >= read + 12 && escaped[read + 6] == (byte)'\\' && escaped[read + 7] == (byte)'u'
                    ? Hex4(escaped.Slice(read + 8))
                    : -1;
                if (low is < 0xDC00 or > 0xDFFF)
                    throw LoneSurrogate(unit);
                codePoint = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                consumed = 12;
            }
            else if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                throw LoneSurrogate(unit);
            }
            written += WriteUtf8(codePoint, destination.Slice(written));
            read += consumed;
            return;
        }
        destination[written++] = escape switch
        {
            (byte)'b' => (byte)'\b',
            (byte)'f' => (byte)'\f',
            (byte)'n' => (byte)'\n',
            (byte)'r' => (byte)'\r',
            (byte)'t' => (byte)'\t',
            _ => escape,
        };
        read += 2;
    }

    private static FormatException LoneSurrogate(int unit) =>
        new($"The string holds the escape \\u{unit:X4}, half of a UTF-16 surrogate pair without its other half, which is not valid Unicode text.");

    private static int Hex4(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var b = digits[i];
            value = (value << 4) | (b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10);
        }
        return value;
    }

    private static int WriteUtf8(int codePoint, Span<byte> destination)
    {
        if (codePoint < 0x80)
        {
            destination[0] = (byte)codePoint;
            return 1;
        }
        if (codePoint < 0x800)
        {
            destination[0] = (byte)(0xC0 | (codePoint >> 6));
            destination[1] = (byte)(0x80 | (codePoint & 0x3F));
            return 2;
        }
        if (codePoint < 0x10000)
        {
            destination[0] = (byte)(0xE0 | (codePoint >> 12));
            destination[1] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
            destination[2] = (byte)(0x80 | (codePoint & 0x3F));
            return 3;
        }
        destination[0] = (byte)(0xF0 | (codePoint >> 18));
        destination[1] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
        destination[2] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
        destination[3] = (byte)(0x80 | (codePoint & 0x3F));
        return 4;
    }
}
