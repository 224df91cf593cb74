using System;
using System.Buffers;
using System.Globalization;
using System.Text;

namespace Owox.Data.Emulator.Rendering;

/// <summary>
/// Writes NDJSON rows straight into an <see cref="IBufferWriter{T}"/> the way <c>JSON.stringify</c> does: non-ASCII
/// raw UTF-8, control characters, quotes and backslashes escaped, lone surrogates as <c>\udxxx</c>.
/// </summary>
internal sealed class NdjsonWriter
{
    private static readonly byte[] Null = "null"u8.ToArray();
    private static readonly byte[] True = "true"u8.ToArray();
    private static readonly byte[] False = "false"u8.ToArray();
    private readonly IBufferWriter<byte> _output;
    private bool _first;

    public NdjsonWriter(IBufferWriter<byte> output) => _output = output;

    /// <summary>Bytes written since the last <see cref="ResetPending"/>.</summary>
    public long Pending { get; private set; }

    /// <summary>Bytes written in total.</summary>
    public long Total { get; private set; }

    public void ResetPending() => Pending = 0;

    public void BeginRow()
    {
        WriteByte((byte)'{');
        _first = true;
    }

    public void EndRow()
    {
        WriteByte((byte)'}');
        WriteByte((byte)'\n');
    }

    /// <summary>Writes <c>,"key":</c> (the comma only after the first member); <paramref name="encodedKey"/> is from <see cref="EncodeKey"/>.</summary>
    public void Key(byte[] encodedKey)
    {
        if (!_first)
        {
            WriteByte((byte)',');
        }

        _first = false;
        WriteBytes(encodedKey);
    }

    /// <summary>The UTF-8 bytes of <c>"key":</c> for a column name.</summary>
    public static byte[] EncodeKey(string name)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new NdjsonWriter(buffer);
        w.String(name);
        w.WriteByte((byte)':');
        return buffer.WrittenSpan.ToArray();
    }

    public void NullValue() => WriteBytes(Null);

    public void Bool(bool value) => WriteBytes(value ? True : False);

    public void Long(long value)
    {
        var span = _output.GetSpan(24);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        Advance(written);
    }

    public void Double(double value) => Raw(JsNumber.Format(value));

    /// <summary>Writes ASCII/JSON text as-is (numbers, pre-rendered objects).</summary>
    public void Raw(string json)
    {
        var span = _output.GetSpan(Encoding.UTF8.GetMaxByteCount(json.Length));
        Advance(Encoding.UTF8.GetBytes(json, span));
    }

    public void RawUtf8(ReadOnlySpan<byte> json)
    {
        WriteBytes(json);
    }

    public void String(ReadOnlySpan<char> value)
    {
        WriteByte((byte)'"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? escape = null;
            if (c < 0x20 || c == '"' || c == '\\')
            {
                escape = c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\b' => "\\b",
                    '\f' => "\\f",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                };
            }
            else if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                escape = "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
            }

            if (escape is not null)
            {
                WriteChars(value[start..i]);
                WriteChars(escape);
                start = i + 1;
            }
        }

        WriteChars(value[start..]);
        WriteByte((byte)'"');
    }

    /// <summary>Writes UTF-8 text as a JSON string, escaping control characters, quotes and backslashes.</summary>
    public void StringUtf8(ReadOnlySpan<byte> value)
    {
        WriteByte((byte)'"');
        while (true)
        {
            var next = value.IndexOfAny(EscapedBytes);
            if (next < 0)
            {
                WriteBytes(value);
                break;
            }

            WriteBytes(value[..next]);
            var b = value[next];
            WriteChars(b switch
            {
                (byte)'"' => "\\\"",
                (byte)'\\' => "\\\\",
                (byte)'\b' => "\\b",
                (byte)'\f' => "\\f",
                (byte)'\n' => "\\n",
                (byte)'\r' => "\\r",
                (byte)'\t' => "\\t",
                _ => "\\u" + b.ToString("x4", CultureInfo.InvariantCulture),
            });
            value = value[(next + 1)..];
        }

        WriteByte((byte)'"');
    }

    private static readonly SearchValues<byte> EscapedBytes = SearchValues.Create(
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\',
    ]);

    private void WriteChars(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
        {
            return;
        }

        var span = _output.GetSpan(Encoding.UTF8.GetMaxByteCount(chars.Length));
        Advance(Encoding.UTF8.GetBytes(chars, span));
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        var span = _output.GetSpan(bytes.Length);
        bytes.CopyTo(span);
        Advance(bytes.Length);
    }

    private void WriteByte(byte b)
    {
        var span = _output.GetSpan(1);
        span[0] = b;
        Advance(1);
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        Pending += count;
        Total += count;
    }
}
