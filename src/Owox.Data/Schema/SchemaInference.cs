using System;
using System.Collections.Generic;
using System.Text.Json;
using Owox.Data.Query;
using Owox.Data.Reading;
using Owox.Data.Types;

namespace Owox.Data.Schema;

/// <summary>
/// Infers columns when the schema is unavailable (no metadata permission, <c>Schema Source=Infer</c>, reports):
/// from the first <see cref="WindowRows"/> rows, keys in order of first appearance; a column whose non-null
/// values are all JSON integers is INTEGER (long), all numbers FLOAT (double), all booleans BOOLEAN, all
/// objects/arrays JSON; anything else — strings included, since no format is guessed from text — is STRING.
/// A column that is NULL in the whole window is STRING. The types then hold for the whole result.
/// </summary>
internal static class SchemaInference
{
    public const int WindowRows = 100;

    public static ResultColumn[] Infer(ReadOnlySpan<byte> buffered, bool includeTail)
    {
        var names = new List<string>();
        var kinds = new Dictionary<string, Seen>(StringComparer.Ordinal);
        var rows = 0;
        while (rows < WindowRows && buffered.Length > 0)
        {
            var newline = buffered.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line;
            if (newline < 0)
            {
                if (!includeTail)
                    break;
                line = buffered;
                buffered = default;
            }
            else
            {
                line = buffered.Slice(0, newline);
                buffered = buffered.Slice(newline + 1);
            }
            if (IsBlank(line))
                continue;
            rows++;
            if (!Observe(line, names, kinds))
                break;
        }

        var columns = new ResultColumn[names.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var typeName = kinds[names[i]].TypeName;
            columns[i] = new ResultColumn(names[i], names[i], typeName, StorageTypeMap.Resolve(null, typeName), null, null, isAliased: false);
        }
        return columns;
    }

    /// <summary>
    /// The columns of a SELECT with a projection when no schema is available: the projection's output names (aliases
    /// or natural names, in SELECT order) bound to their JSON keys, typed from <paramref name="inferred"/> — so the
    /// names do not depend on the schema source, and keys nobody selected (a hidden count, <c>Row Count</c>) are
    /// left out as with a schema. A key absent from the window is INTEGER for counts, else STRING.
    /// </summary>
    public static ResultColumn[] ForProjection(IReadOnlyList<OutputColumn> projection, ResultColumn[] inferred)
    {
        var columns = new ResultColumn[projection.Count];
        for (var i = 0; i < columns.Length; i++)
        {
            var output = projection[i];
            var seen = Array.Find(inferred, c => c.Key == output.Key);
            var typeName = seen?.TypeName
                ?? (output.SourceColumn is null || output.Function is AggregateFunction.Count or AggregateFunction.CountDistinct ? "INTEGER" : "STRING");
            var aliased = !string.Equals(output.Name, output.SourceColumn, StringComparison.Ordinal) || output.Function is not null;
            columns[i] = new ResultColumn(output.Key, output.Name, typeName, StorageTypeMap.Resolve(null, typeName), output.SourceColumn, null, aliased);
        }
        return columns;
    }

    /// <summary>
    /// <paramref name="known"/> plus, appended, every key the look-ahead window holds that none of them has (a
    /// column added since the schema was cached, a report's <c>Unique Count</c>), with an inferred type — so a key
    /// the server sends is never dropped silently.
    /// </summary>
    public static ResultColumn[] WithUnexpectedKeys(ResultColumn[] known, ReadOnlySpan<byte> buffered, bool includeTail)
    {
        var extras = new List<ResultColumn>();
        foreach (var column in Infer(buffered, includeTail))
        {
            if (Array.FindIndex(known, k => k.Key == column.Key) < 0)
                extras.Add(column);
        }
        if (extras.Count == 0)
            return known;
        var all = new ResultColumn[known.Length + extras.Count];
        known.CopyTo(all, 0);
        extras.CopyTo(all, known.Length);
        return all;
    }

    private static bool Observe(ReadOnlySpan<byte> line, List<string> names, Dictionary<string, Seen> kinds)
    {
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (!kinds.TryGetValue(name, out var seen))
                {
                    names.Add(name);
                    seen = new Seen();
                    kinds[name] = seen;
                }
                seen.Add(ref reader);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    reader.Skip();
            }
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The row is malformed: inference stops here and the reader reports the row when it reaches it.
            return false;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                return false;
        }
        return true;
    }

    private sealed class Seen
    {
        private bool _integer, _number, _boolean, _nested, _other;

        public string TypeName =>
            _other || Count() > 1 ? "STRING"
            : _integer && !_number ? "INTEGER"
            : _number ? "FLOAT"
            : _boolean ? "BOOLEAN"
            : _nested ? "JSON"
            : "STRING";

        public void Add(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    break;
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out _))
                        _integer = true;
                    else
                        _number = true;
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    _boolean = true;
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    _nested = true;
                    break;
                default:
                    _other = true;
                    break;
            }
        }

        private int Count() => ((_integer || _number) ? 1 : 0) + (_boolean ? 1 : 0) + (_nested ? 1 : 0);
    }
}
