using System;
using System.Text.Json;
using Owox.Data.Schema;

namespace Owox.Data.Reading;

/// <summary>
/// Tokenises one NDJSON line in place with <see cref="Utf8JsonReader"/>: for each key that is a result
/// column it records the value's token kind and byte range, nothing more. Keys are matched to columns by
/// comparing UTF-8 bytes, first against the column that held the same position in the previous row (rows
/// repeat their key order), so a row costs no string allocation. Missing keys are NULL (Athena omits them);
/// keys nobody selected (a <c>Row Count</c> nobody asked for) are skipped.
/// </summary>
internal sealed class RowTokenizer
{
    private readonly ResultColumn[] _columns;
    private readonly JsonTokenType[] _kinds;
    private readonly int[] _starts;
    private readonly int[] _lengths;
    private readonly bool[] _escaped;
    private readonly int[] _seenInRow;
    private int[] _positionHints;
    private int _row;

    public RowTokenizer(ResultColumn[] columns)
    {
        _columns = columns;
        _kinds = new JsonTokenType[columns.Length];
        _starts = new int[columns.Length];
        _lengths = new int[columns.Length];
        _escaped = new bool[columns.Length];
        _seenInRow = new int[columns.Length];
        _positionHints = new int[Math.Max(columns.Length, 4)];
#if NETSTANDARD2_0
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
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("The line is not a JSON object.");

        var position = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var ordinal = Match(ref reader, position);
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
                _kinds[ordinal] = kind;
                _starts[ordinal] = start;
                _lengths[ordinal] = length;
                _escaped[ordinal] = escaped;
                _seenInRow[ordinal] = _row;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
            throw new JsonException("The line's JSON object is not complete.");
        if (reader.Read())
            throw new JsonException("The line holds more than one JSON value.");
    }

    /// <summary>The value of column <paramref name="ordinal"/> in the last tokenised row (a NULL when its key was absent).</summary>
    public RawValue Value(ReadOnlySpan<byte> line, int ordinal) =>
        _seenInRow[ordinal] == _row
            ? new RawValue(line, _kinds[ordinal], _starts[ordinal], _lengths[ordinal], _escaped[ordinal])
            : default;

    public bool IsNull(int ordinal) =>
        _seenInRow[ordinal] != _row || _kinds[ordinal] == JsonTokenType.Null;

    private int Match(ref Utf8JsonReader reader, int position)
    {
        if (position >= _positionHints.Length)
        {
            var larger = new int[_positionHints.Length * 2];
            for (var i = 0; i < larger.Length; i++)
                larger[i] = i < _positionHints.Length ? _positionHints[i] : -1;
            _positionHints = larger;
        }

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
}
