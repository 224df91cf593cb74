using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.Intrinsics;
#endif
using System.Text.Json;
using Owox.Data.Schema;

namespace Owox.Data.Reading;

/// <summary>
/// Tokenises one NDJSON line in place: for each key that is a result column it records the value's token kind and
/// byte range, nothing more. Keys are matched to columns by comparing UTF-8 bytes, first against the column that held
/// the same position in the previous row (rows repeat their key order), so a row costs no string allocation. Missing
/// keys are NULL (Athena omits them); keys nobody selected (a <c>Row Count</c> nobody asked for) are skipped, and
/// remembered per position so the next row skips them with one comparison.
/// </summary>
/// <remarks>
/// Rows are objects of strings, numbers, booleans and nulls, sometimes with a nested object or array (BigQuery RECORDs),
/// so a row is first scanned by a hand-written parser of exactly that shape (strict JSON: the same values
/// <see cref="Utf8JsonReader"/> accepts, and the same byte ranges); a nested value is measured by the same scanner,
/// which follows its brackets to where it ends. Anything outside it — an escape in a key, a non-ASCII key that
/// matches no column, or a syntax error — sends the row through <see cref="Utf8JsonReader"/>, which handles the rest
/// and reports errors. The scanner is the hot path of every read (docs/benchmarks.md has what it costs).
/// </remarks>
internal sealed class RowTokenizer
{
#if NET8_0_OR_GREATER
    /// <summary>The bytes that end the fast scan of a string: its closing quote, an escape, or a control character JSON forbids.</summary>
    private static readonly SearchValues<byte> StringStops = SearchValues.Create(
        [(byte)'"', (byte)'\\', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31]);
#endif

    private readonly ResultColumn[] _columns;
    private readonly Slot[] _slots;
    private readonly KeyPrefix[] _keyPrefixes;
    private int[] _positionHints;
    private byte[]?[] _unknownKeys;
    private int _row;

    public RowTokenizer(ResultColumn[] columns)
    {
        _columns = columns;
        _slots = new Slot[columns.Length];
        _keyPrefixes = Array.ConvertAll(columns, c => new KeyPrefix(c.KeyUtf8));
        _positionHints = new int[Math.Max(columns.Length, 4)];
        _unknownKeys = new byte[_positionHints.Length][];
#if NETSTANDARD2_0 || NETFRAMEWORK
        for (var i = 0; i < _positionHints.Length; i++)
            _positionHints[i] = -1;
#else
        Array.Fill(_positionHints, -1);
#endif
    }

    /// <summary>Tokenises <paramref name="line"/>; throws <see cref="JsonException"/> when it is not one JSON object.</summary>
    public void Tokenize(ReadOnlySpan<byte> line)
    {
        _row++;
        if (!TryTokenizeFlat(line))
            TokenizeWithReader(line);
    }

    private void TokenizeWithReader(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("The line is not a JSON object.");

        var position = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ordinal = MatchWithReader(ref reader, position);
            position++;
            reader.Read();
            var kind = reader.TokenType;
            int start, length;
            var escaped = false;
            switch (kind)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    length = (int)reader.BytesConsumed - start;
                    break;
                case JsonTokenType.String:
                    start = (int)reader.TokenStartIndex + 1;
                    length = reader.ValueSpan.Length;
                    escaped = reader.ValueIsEscaped;
                    break;
                default:
                    start = (int)reader.TokenStartIndex;
                    length = reader.ValueSpan.Length;
                    break;
            }
            if (ordinal >= 0)
            {
                _slots[ordinal] = new Slot(_row, kind, start, length, escaped);
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
            throw new JsonException("The line's JSON object is not complete.");
        if (reader.Read())
            throw new JsonException("The line holds more than one JSON value.");
    }

    /// <summary>The value of column <paramref name="ordinal"/> in the last tokenised row (a NULL when its key was absent).</summary>
    public RawValue Value(ReadOnlySpan<byte> line, int ordinal) =>
        _slots[ordinal] is var slot && slot.Row == _row
            ? new RawValue(line, slot.Kind, slot.Start, slot.Length, slot.Escaped)
            : default;

    public bool IsNull(int ordinal) =>
        _slots[ordinal] is var slot && (slot.Row != _row || slot.Kind == JsonTokenType.Null);

    /// <summary>The value of column <paramref name="ordinal"/>, or false when it is NULL or its key was absent: one look-up for both.</summary>
    public bool TryGetValue(ReadOnlySpan<byte> line, int ordinal, out RawValue value)
    {
        ref readonly var slot = ref _slots[ordinal];
        if (slot.Row != _row || slot.Kind == JsonTokenType.Null)
        {
            value = default;
            return false;
        }
        value = new RawValue(line, slot.Kind, slot.Start, slot.Length, slot.Escaped);
        return true;
    }

    private int MatchWithReader(ref Utf8JsonReader reader, int position)
    {
        EnsurePosition(position);
        var hint = _positionHints[position];
        if (hint >= 0 && reader.ValueTextEquals(_columns[hint].KeyUtf8))
            return hint;

        for (var i = 0; i < _columns.Length; i++)
        {
            if (i != hint && reader.ValueTextEquals(_columns[i].KeyUtf8))
            {
                _positionHints[position] = i;
                return i;
            }
        }
        return -1;
    }

    private void EnsurePosition(int position)
    {
        if (position < _positionHints.Length)
            return;
        var larger = new int[_positionHints.Length * 2];
        for (var i = 0; i < larger.Length; i++)
            larger[i] = i < _positionHints.Length ? _positionHints[i] : -1;
        _positionHints = larger;
        Array.Resize(ref _unknownKeys, larger.Length);
    }

    /// <summary>
    /// The fast path: tokenises a flat JSON object of strings, numbers, booleans and nulls whose keys need no escapes. False
    /// (with nothing promised about what was recorded) when the line is anything else; the caller then tokenises it
    /// again with <see cref="Utf8JsonReader"/>, which records every key of the row afresh.
    /// </summary>
    /// <remarks>
    /// Not inlined into its caller, so that the JIT's inlining budget, which is per compiled method, covers the helpers of
    /// this loop (each called once or more per value) rather than running out on the caller's code.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryTokenizeFlat(ReadOnlySpan<byte> line)
    {
        var i = SkipWhitespace(line, 0);
        if (i >= line.Length || line[i] != (byte)'{')
            return false;
        i = SkipWhitespace(line, i + 1);
        if (i < line.Length && line[i] == (byte)'}')
            return SkipWhitespace(line, i + 1) == line.Length;

        var previous = -1;
        for (var position = 0; ; position++)
        {
            if (i >= line.Length || line[i] != (byte)'"')
                return false;
            var ordinal = MatchHintedKey(line.Slice(i + 1), position, previous);
            int keyLength;
            if (ordinal >= 0)
            {
                keyLength = _keyPrefixes[ordinal].KeyLength;
            }
            else
            {
                keyLength = StringLength(line, i + 1, out var keyEscaped);
                if (keyLength < 0 || keyEscaped)
                    return false;
                ordinal = MatchKey(line.Slice(i + 1, keyLength), position);
                if (ordinal == NoMatchOutsideFastPath)
                    return false;
            }
            i = SkipWhitespace(line, i + keyLength + 2);
            if (i >= line.Length || line[i] != (byte)':')
                return false;
            i = SkipWhitespace(line, i + 1);
            if (i >= line.Length)
                return false;

            var end = ValueEnd(line, i, depth: 0, out var kind, out var escaped);
            if (end < 0)
                return false;
            if (ordinal >= 0)
            {
                _slots[ordinal] = kind == JsonTokenType.String
                    ? new Slot(_row, kind, i + 1, end - i - 2, escaped)
                    : new Slot(_row, kind, i, end - i, Escaped: false);
                previous = ordinal;
            }
            i = end;

            i = SkipWhitespace(line, i);
            if (i >= line.Length)
                return false;
            if (line[i] == (byte)'}')
                return SkipWhitespace(line, i + 1) == line.Length;
            if (line[i] != (byte)',')
                return false;
            i = SkipWhitespace(line, i + 1);
        }
    }

    /// <summary>
    /// The column that held this position in the previous row, or else the column after <paramref name="previous"/> (the
    /// one matched just before in this row: a row that omits a NULL key, as Athena's do, shifts the later keys by one),
    /// when <paramref name="rest"/> (the line after a key's opening quote) starts with its key and the closing quote; -1
    /// otherwise. Only keys that need no escaping take this shortcut, so the bytes compared are exactly the key's JSON text.
    /// </summary>
    private int MatchHintedKey(ReadOnlySpan<byte> rest, int position, int previous)
    {
        if (position >= _positionHints.Length)
            return -1;
        var hint = _positionHints[position];
        if (hint >= 0 && StartsWithKey(rest, hint))
            return hint;
        var next = previous + 1;
        if (next == hint || next >= _columns.Length || !StartsWithKey(rest, next))
            return -1;
        _positionHints[position] = next;
        return next;
    }

    private bool StartsWithKey(ReadOnlySpan<byte> rest, int ordinal)
    {
        ref readonly var prefix = ref _keyPrefixes[ordinal];
        if (!prefix.IsPlain)
            return false;
        if (prefix.FitsInPrefix && rest.Length >= KeyPrefix.Bytes)
            return prefix.Matches(rest);
        var key = _columns[ordinal].KeyUtf8;
        return rest.Length > key.Length && rest[key.Length] == (byte)'"' && rest.StartsWith(key);
    }

    /// <summary>How deep <see cref="ValueEnd"/> follows nested values (the row itself is depth 0) before leaving a row to <see cref="Utf8JsonReader"/> (which allows 256).</summary>
    private const int MaxScanDepth = 64;

    /// <summary>
    /// Where the JSON value that starts at <paramref name="start"/> ends, strictly checked (the same values
    /// <see cref="Utf8JsonReader"/> accepts), and whether it is a string with escapes; -1 when it is not valid JSON or
    /// nests deeper than <see cref="MaxScanDepth"/> (the row then goes through <see cref="Utf8JsonReader"/>, which decides).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ValueEnd(ReadOnlySpan<byte> line, int start, int depth, out JsonTokenType kind, out bool escaped)
    {
        escaped = false;
        switch (line[start])
        {
            case (byte)'"':
                kind = JsonTokenType.String;
                var length = StringLength(line, start + 1, out escaped);
                return length < 0 ? -1 : start + length + 2;
            case (byte)'{':
                kind = JsonTokenType.StartObject;
                return depth >= MaxScanDepth ? -1 : ContainerEnd(line, start, depth + 1);
            case (byte)'[':
                kind = JsonTokenType.StartArray;
                return depth >= MaxScanDepth ? -1 : ContainerEnd(line, start, depth + 1);
            case (byte)'t':
                kind = JsonTokenType.True;
                return LiteralEnd(line, start, "true"u8);
            case (byte)'f':
                kind = JsonTokenType.False;
                return LiteralEnd(line, start, "false"u8);
            case (byte)'n':
                kind = JsonTokenType.Null;
                return LiteralEnd(line, start, "null"u8);
            default:
                kind = JsonTokenType.Number;
                var digits = NumberLength(line, start);
                return digits <= 0 ? -1 : start + digits;
        }
    }

    /// <summary>Where <paramref name="literal"/> ends when <paramref name="line"/> has it at <paramref name="start"/>; -1 otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LiteralEnd(ReadOnlySpan<byte> line, int start, ReadOnlySpan<byte> literal) =>
        line.Length - start >= literal.Length && line.Slice(start, literal.Length).SequenceEqual(literal) ? start + literal.Length : -1;

    /// <summary>Where the object or array that starts at <paramref name="start"/> ends (just after its closing bracket); -1 when it is not valid JSON.</summary>
    private static int ContainerEnd(ReadOnlySpan<byte> line, int start, int depth)
    {
        var isObject = line[start] == (byte)'{';
        var close = isObject ? (byte)'}' : (byte)']';
        var i = SkipWhitespace(line, start + 1);
        if (i < line.Length && line[i] == close)
            return i + 1;
        while (i < line.Length)
        {
            if (isObject)
            {
                if (line[i] != (byte)'"')
                    return -1;
                var keyLength = StringLength(line, i + 1, out _);
                if (keyLength < 0)
                    return -1;
                i = SkipWhitespace(line, i + keyLength + 2);
                if (i >= line.Length || line[i] != (byte)':')
                    return -1;
                i = SkipWhitespace(line, i + 1);
                if (i >= line.Length)
                    return -1;
            }
            i = ValueEnd(line, i, depth, out _, out _);
            if (i < 0)
                return -1;
            i = SkipWhitespace(line, i);
            if (i >= line.Length)
                return -1;
            if (line[i] == close)
                return i + 1;
            if (line[i] != (byte)',')
                return -1;
            i = SkipWhitespace(line, i + 1);
        }
        return -1;
    }

    /// <summary>What <see cref="MatchKey"/> returns for a key only <see cref="Utf8JsonReader"/> may compare (non-ASCII, unmatched).</summary>
    private const int NoMatchOutsideFastPath = -2;

    /// <summary>The ordinal of the column whose key is exactly <paramref name="key"/>'s bytes, or -1 for a key nobody selected.</summary>
    private int MatchKey(ReadOnlySpan<byte> key, int position)
    {
        EnsurePosition(position);
        var hint = _positionHints[position];
        if (hint >= 0 && key.SequenceEqual(_columns[hint].KeyUtf8))
            return hint;
        if (_unknownKeys[position] is { } unknown && key.SequenceEqual(unknown))
            return -1;

        for (var c = 0; c < _columns.Length; c++)
        {
            if (c != hint && key.SequenceEqual(_columns[c].KeyUtf8))
            {
                _positionHints[position] = c;
                return c;
            }
        }
        for (var b = 0; b < key.Length; b++)
        {
            if (key[b] >= 0x80)
                return NoMatchOutsideFastPath;
        }
        _unknownKeys[position] = key.ToArray();
        return -1;
    }

    /// <summary>
    /// The length of the string contents starting at <paramref name="start"/> (just after the opening quote) up to the
    /// closing quote, and whether they hold escapes; -1 when the string has a control character or an escape JSON does
    /// not define (<c>\"</c>, <c>\\</c>, <c>\/</c>, <c>\b</c>, <c>\f</c>, <c>\n</c>, <c>\r</c>, <c>\t</c>,
    /// <c>\u</c> and four hex digits), or is not closed.
    /// </summary>
    private static int StringLength(ReadOnlySpan<byte> line, int start, out bool escaped)
    {
        escaped = false;
        var i = start;
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            var end = StringEndByBlocks(line, ref i, ref escaped);
            if (end != NotInBlocks)
                return end < 0 ? -1 : end - start;
        }
#endif
        while (true)
        {
            var stop = IndexOfStringStop(line, i);
            if (stop < 0)
                return -1;
            i = stop;
            if (line[i] == (byte)'"')
                return i - start;
            if (line[i] != (byte)'\\')
                return -1;
            var escape = EscapeLength(line, i + 1);
            if (escape == 0)
                return -1;
            escaped = true;
            i += 1 + escape;
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>What <see cref="StringEndByBlocks"/> returns when the string goes on past the last whole block.</summary>
    private const int NotInBlocks = int.MinValue;

    /// <summary>The odd bit positions of a mask: 1, 3, 5, …</summary>
    private const ulong OddBits = 0xAAAA_AAAA_AAAA_AAAAUL;

    /// <summary>
    /// Scans string contents 32 bytes at a time from <paramref name="i"/>: the index of the closing quote, -1 when the
    /// string is not valid JSON, or <see cref="NotInBlocks"/> with <paramref name="i"/> where the rest of the line is too
    /// short for a block (no escape is cut in two there).
    /// </summary>
    /// <remarks>
    /// Long text has an escape every few words, so a stop per escape costs more than the bytes between them. A block's
    /// escapes are instead found and checked from its masks, without a branch per escape: which bytes a backslash
    /// escapes (runs of backslashes pair up: see <see cref="EscapedBytes"/>), whether each escaped byte makes a JSON
    /// escape, and whether each <c>\u</c> has four hex digits. A block that cuts an escape in two ends before it, so
    /// every block is checked on its own. A block without a quote, backslash or control character costs one test, as a plain search would.
    /// </remarks>
    private static int StringEndByBlocks(ReadOnlySpan<byte> line, ref int i, ref bool escaped)
    {
        ref var first = ref MemoryMarshal.GetReference(line);
        while (i <= line.Length - Vector256<byte>.Count)
        {
            var block = Vector256.LoadUnsafe(ref first, (nuint)i);
            var quoteBytes = Vector256.Equals(block, Vector256.Create((byte)'"'));
            var backslashBytes = Vector256.Equals(block, Vector256.Create((byte)'\\'));
            var controlBytes = Vector256.LessThan(block, Vector256.Create((byte)0x20));
            if ((quoteBytes | backslashBytes | controlBytes) == Vector256<byte>.Zero)
            {
                i += Vector256<byte>.Count;
                continue;
            }
            var quotes = quoteBytes.ExtractMostSignificantBits();
            var backslashes = backslashBytes.ExtractMostSignificantBits();
            var controls = controlBytes.ExtractMostSignificantBits();
            if (backslashes == 0)
            {
                var at = i + BitOperations.TrailingZeroCount(quotes | controls);
                return line[at] == (byte)'"' ? at : -1;
            }

            var escapedBytes = EscapedBytes(backslashes);
            var followers = (uint)escapedBytes;
            var oneByteEscapes = quotes | backslashes | (Vector256.Equals(block, Vector256.Create((byte)'/'))
                | Vector256.Equals(block, Vector256.Create((byte)'b'))
                | Vector256.Equals(block, Vector256.Create((byte)'f'))
                | Vector256.Equals(block, Vector256.Create((byte)'n'))
                | Vector256.Equals(block, Vector256.Create((byte)'r'))
                | Vector256.Equals(block, Vector256.Create((byte)'t'))).ExtractMostSignificantBits();
            var unicode = Vector256.Equals(block, Vector256.Create((byte)'u')).ExtractMostSignificantBits() & followers;
            var invalid = controls | (followers & ~(oneByteEscapes | unicode));
            var hexNeeded = 0UL;
            if (unicode != 0)
            {
                hexNeeded = (ulong)unicode << 1 | (ulong)unicode << 2 | (ulong)unicode << 3 | (ulong)unicode << 4;
                invalid |= (uint)hexNeeded & ~HexDigits(block);
            }

            var ends = (quotes & ~followers) | invalid;
            if (ends != 0)
            {
                var at = BitOperations.TrailingZeroCount(ends);
                escaped |= (backslashes & ((1u << at) - 1)) != 0;
                return (invalid >> at & 1) != 0 ? -1 : i + at;
            }
            escaped = true;
            // An escape the block cuts in two is checked whole in the next block, which starts at its backslash: a
            // \u whose hex digits go past the block (its u is the block's last), or a backslash that escapes the
            // next block's first byte.
            if (hexNeeded >> Vector256<byte>.Count != 0)
                i += 30 - BitOperations.LeadingZeroCount(unicode);
            else if (escapedBytes >> Vector256<byte>.Count != 0)
                i += Vector256<byte>.Count - 1;
            else
                i += Vector256<byte>.Count;
        }
        return NotInBlocks;
    }

    /// <summary>
    /// The bytes that a block's backslashes escape (bit <c>n</c> for byte <c>n</c>; bit 32 for the byte after the
    /// block), when the block's first byte is not itself escaped. In a run of backslashes they pair up from its start:
    /// each escaper escapes the byte after it, so the escaped bytes are the run's second, fourth, … bytes, and the byte
    /// after the run when the run is odd. For a run that starts at an even position these are the odd positions after
    /// its backslashes; for a run that starts at an odd position, the even ones. Adding a one at the start of each run
    /// that starts at an odd position carries through the run, which marks those runs; the rest is masks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EscapedBytes(uint backslashes)
    {
        var runs = (ulong)backslashes;
        var afterBackslash = runs << 1;
        var oddStarts = runs & ~afterBackslash & OddBits;
        var afterOddRuns = ((oddStarts + runs) ^ runs) & ~oddStarts;
        return afterBackslash & (OddBits ^ afterOddRuns);
    }

    /// <summary>The mask of a block's hex digits (<c>0-9</c>, <c>a-f</c>, <c>A-F</c>).</summary>
    private static uint HexDigits(Vector256<byte> block) =>
        (Vector256.LessThanOrEqual(block - Vector256.Create((byte)'0'), Vector256.Create((byte)9))
            | Vector256.LessThanOrEqual((block | Vector256.Create((byte)0x20)) - Vector256.Create((byte)'a'), Vector256.Create((byte)5)))
        .ExtractMostSignificantBits();
#endif

    /// <summary>
    /// Where, from <paramref name="from"/> on, the first byte that ends a plain run of string contents is: a quote, a
    /// backslash or a control character; -1 when there is none.
    /// </summary>
    private static int IndexOfStringStop(ReadOnlySpan<byte> line, int from)
    {
#if NET8_0_OR_GREATER
        var stop = line.Slice(from).IndexOfAny(StringStops);
        return stop < 0 ? -1 : from + stop;
#else
        for (var i = from; i < line.Length; i++)
        {
            if (line[i] is (byte)'"' or (byte)'\\' or < 0x20)
                return i;
        }
        return -1;
#endif
    }

    /// <summary>The bytes after a backslash that make a valid JSON escape (1, or 5 for <c>\uXXXX</c>); 0 when they do not.</summary>
    private static int EscapeLength(ReadOnlySpan<byte> line, int at)
    {
        if (at >= line.Length)
            return 0;
        if (IsOneByteEscape(line[at]))
            return 1;
        if (line[at] != (byte)'u' || at + 4 >= line.Length)
            return 0;
        for (var h = at + 1; h <= at + 4; h++)
        {
            if (!IsHexDigit(line[h]))
                return 0;
        }
        return 5;
    }

    /// <summary>Whether a backslash followed by <paramref name="b"/> is a whole escape (all but <c>\u</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsOneByteEscape(byte b) =>
        b is (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t';

    private static bool IsHexDigit(byte b) => (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 5;

    /// <summary>The length of the JSON number starting at <paramref name="start"/> (strict grammar: no leading zeros, digits after '.' and 'e'); 0 when it is not one.</summary>
    private static int NumberLength(ReadOnlySpan<byte> line, int start)
    {
        var i = start;
        if (i < line.Length && line[i] == (byte)'-')
            i++;
        if (i >= line.Length)
            return 0;
        if (line[i] == (byte)'0')
        {
            i++;
        }
        else
        {
            var digits = Digits(line, i);
            if (digits == 0)
                return 0;
            i += digits;
        }
        if (i < line.Length && line[i] == (byte)'.')
        {
            var digits = Digits(line, i + 1);
            if (digits == 0)
                return 0;
            i += 1 + digits;
        }
        if (i < line.Length && (line[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < line.Length && line[i] is (byte)'+' or (byte)'-')
                i++;
            var digits = Digits(line, i);
            if (digits == 0)
                return 0;
            i += digits;
        }
        return i - start;
    }

    /// <summary>How many ASCII digits <paramref name="line"/> has from <paramref name="start"/> on.</summary>
    internal static int Digits(ReadOnlySpan<byte> line, int start)
    {
        var i = start;
#if NET8_0_OR_GREATER
        // Eight bytes at a time: a byte's top bit is set by adding 0x46 from ':' up and by subtracting 0x30 below '0'
        // (a carry or borrow only starts at a byte that is not a digit, so it cannot move the first one found).
        for (; i <= line.Length - sizeof(ulong); i += sizeof(ulong))
        {
            var word = BinaryPrimitives.ReadUInt64LittleEndian(line.Slice(i));
            var notDigits = ((word + 0x4646_4646_4646_4646UL) | (word - 0x3030_3030_3030_3030UL)) & 0x8080_8080_8080_8080UL;
            if (notDigits != 0)
                return i - start + (BitOperations.TrailingZeroCount(notDigits) >> 3);
        }
#endif
        while (i < line.Length && (uint)(line[i] - '0') <= 9)
            i++;
        return i - start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipWhitespace(ReadOnlySpan<byte> line, int start)
    {
        if (start >= line.Length || line[start] > (byte)' ')
            return start;
        var i = start;
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            i++;
        return i;
    }

    /// <summary>
    /// A column's key as the first <see cref="Bytes"/> bytes after a key's opening quote must read when the key and its
    /// closing quote fit in them (most column names do): two masked words, compared without a call.
    /// </summary>
    internal readonly struct KeyPrefix
    {
        public const int Bytes = 2 * sizeof(ulong);

        private readonly ulong _low, _lowMask, _high, _highMask;

        public KeyPrefix(byte[] key)
        {
            KeyLength = key.Length;
            IsPlain = Array.TrueForAll(key, b => b >= 0x20 && b != (byte)'"' && b != (byte)'\\');
            FitsInPrefix = key.Length < Bytes;
            if (!FitsInPrefix)
                return;
            Span<byte> text = stackalloc byte[Bytes];
            Span<byte> mask = stackalloc byte[Bytes];
            key.CopyTo(text);
            text[key.Length] = (byte)'"';
            mask.Slice(0, key.Length + 1).Fill(0xFF);
            _low = MemoryMarshal.Read<ulong>(text);
            _high = MemoryMarshal.Read<ulong>(text.Slice(sizeof(ulong)));
            _lowMask = MemoryMarshal.Read<ulong>(mask);
            _highMask = MemoryMarshal.Read<ulong>(mask.Slice(sizeof(ulong)));
        }

        /// <summary>The key's length in bytes.</summary>
        public int KeyLength { get; }

        /// <summary>Whether the key needs no escaping, so that its bytes are exactly its JSON text.</summary>
        public bool IsPlain { get; }

        /// <summary>Whether the key and its closing quote fit in <see cref="Bytes"/> bytes.</summary>
        public bool FitsInPrefix { get; }

        /// <summary>Whether <paramref name="rest"/> (at least <see cref="Bytes"/> bytes) starts with the key and its closing quote.</summary>
        public bool Matches(ReadOnlySpan<byte> rest) =>
            (((MemoryMarshal.Read<ulong>(rest) ^ _low) & _lowMask) | ((MemoryMarshal.Read<ulong>(rest.Slice(sizeof(ulong))) ^ _high) & _highMask)) == 0;
    }

    /// <summary>Where a column's value is in the row numbered <see cref="Row"/> (an older row number means the key was absent).</summary>
    private readonly record struct Slot(int Row, JsonTokenType Kind, int Start, int Length, bool Escaped);
}
