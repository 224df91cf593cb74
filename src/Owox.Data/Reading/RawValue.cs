using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Owox.Data.Reading;

/// <summary>
/// One value of the current row, still as bytes inside the line buffer: its JSON token kind and where its
/// bytes are (string contents without quotes, a number's text, or a whole nested object/array). Decoding
/// happens only when a getter asks.
/// </summary>
internal readonly ref struct RawValue
{
    private readonly ReadOnlySpan<byte> _line;
    private readonly int _start;
    private readonly int _length;

    public RawValue(ReadOnlySpan<byte> line, JsonTokenType kind, int start, int length, bool escaped)
    {
        _line = line;
        Kind = kind;
        _start = start;
        _length = length;
        IsEscaped = escaped;
    }

    public JsonTokenType Kind { get; }

    public bool IsEscaped { get; }

    public bool IsNull => Kind is JsonTokenType.None or JsonTokenType.Null;

    /// <summary>The raw bytes: string contents (still escaped if <see cref="IsEscaped"/>), number text, or nested JSON.</summary>
    public ReadOnlySpan<byte> Bytes => _line.Slice(_start, _length);

    /// <summary>
    /// The value as text: a string's unescaped contents, a number's or boolean's JSON text, or the raw JSON of a
    /// nested object/array.
    /// </summary>
#if NET5_0_OR_GREATER
    [SkipLocalsInit]
#endif
    public string GetText()
    {
        if (Kind != JsonTokenType.String || !IsEscaped)
            return Utf8(Bytes);
        var escaped = Bytes;
        byte[]? rented = null;
        var buffer = escaped.Length <= StackBufferBytes
            ? stackalloc byte[StackBufferBytes]
            : (rented = ArrayPool<byte>.Shared.Rent(escaped.Length));
        try
        {
            return StrictUtf8(buffer.Slice(0, StringUnescaper.Unescape(escaped, buffer)));
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The unescaped UTF-8 of a string value (a fresh copy only when the JSON had escapes).</summary>
    public ReadOnlySpan<byte> GetUtf8Text()
    {
        if (Kind != JsonTokenType.String || !IsEscaped)
            return Bytes;
        var unescaped = new byte[_length];
        return unescaped.AsSpan(0, StringUnescaper.Unescape(Bytes, unescaped));
    }

    /// <summary>Escaped strings up to this many bytes are unescaped on the stack; longer ones in a pooled buffer.</summary>
    private const int StackBufferBytes = 512;

    private static readonly UTF8Encoding StrictEncoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes the UTF-8 an escaped string stands for, refusing bytes that are not UTF-8 as <see cref="Utf8JsonReader"/> does.</summary>
    private static string StrictUtf8(ReadOnlySpan<byte> bytes) => Decode(bytes, strict: true);

    internal static string Utf8(ReadOnlySpan<byte> bytes) => Decode(bytes, strict: false);

    private static unsafe string Decode(ReadOnlySpan<byte> bytes, bool strict)
    {
        if (bytes.IsEmpty)
            return string.Empty;
#if NET5_0_OR_GREATER
        if (bytes.Length is >= OnePassBytes and <= OnePassMaxBytes)
            return DecodeInOnePass(bytes, strict);
#endif
        try
        {
#if NETSTANDARD2_0 || NETFRAMEWORK
            fixed (byte* p = bytes)
                return (strict ? StrictEncoding : Encoding.UTF8).GetString(p, bytes.Length);
#else
            return (strict ? StrictEncoding : Encoding.UTF8).GetString(bytes);
#endif
        }
        catch (DecoderFallbackException e)
        {
            throw NotUtf8(e);
        }
    }

    private static FormatException NotUtf8(Exception? inner) => new("The string is not valid UTF-8.", inner);

#if NET5_0_OR_GREATER
    /// <summary>
    /// Text at least this long is decoded in one pass into a pooled buffer and then copied into its string:
    /// <see cref="Encoding.GetString(ReadOnlySpan{byte})"/> first counts the characters (a pass that checks every byte)
    /// and then decodes, and on text with non-ASCII every few words each pass costs more than the copy.
    /// </summary>
    private const int OnePassBytes = 256;

    /// <summary>Text longer than this is decoded in two passes again, so that the pool never keeps a buffer as large as the largest text read.</summary>
    private const int OnePassMaxBytes = 1024 * 1024;

    private static string DecodeInOnePass(ReadOnlySpan<byte> bytes, bool strict)
    {
        var chars = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: !strict);
            if (status != OperationStatus.Done)
                throw NotUtf8(null);
            return new string(chars, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
#endif
}
