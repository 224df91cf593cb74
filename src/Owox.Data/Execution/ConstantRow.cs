using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using Owox.Data.Query;
using Owox.Data.Schema;
using Owox.Data.Types;

namespace Owox.Data.Execution;

/// <summary>
/// The one row of a SELECT without FROM (<c>SELECT 1</c>, <c>SELECT @p AS x</c>), answered locally: its columns,
/// typed by each value (integer → INTEGER/<see cref="long"/>, decimal → NUMERIC, double → FLOAT64, string and NULL →
/// STRING, bool → BOOLEAN, a date → DATE, the current time and UTC or local DateTimes → TIMESTAMP, other DateTimes →
/// DATETIME, a time → TIME), and the
/// row as an NDJSON line, so the reader reads it as it reads a streamed row.
/// </summary>
internal static class ConstantRow
{
    public static (ResultColumn[] Columns, byte[] Ndjson) Build(IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        var columns = new ResultColumn[values.Count];
        var ndjson = Line(writer =>
        {
            for (var i = 0; i < values.Count; i++)
            {
                var key = "c" + i.ToString(CultureInfo.InvariantCulture);
                var typeName = Write(writer, key, values[i].Key, values[i].Value);
                columns[i] = new ResultColumn(key, values[i].Key, typeName, StorageTypeMap.Resolve(null, typeName), null, null, isAliased: true);
            }
        });
        return (columns, ndjson);
    }

    /// <summary>
    /// The one row of a grand total over no rows, as SQL computes it: <c>COUNT</c>, <c>COUNT(DISTINCT …)</c> and the row
    /// count are 0, every other aggregate NULL; under the keys of <paramref name="columns"/>.
    /// </summary>
    public static byte[] EmptyAggregates(ResultColumn[] columns, IReadOnlyList<OutputColumn> projection) => Line(writer =>
    {
        for (var i = 0; i < columns.Length; i++)
        {
            if (projection[i].Function is AggregateFunction.Count or AggregateFunction.CountDistinct)
                writer.WriteNumber(columns[i].Key, 0);
            else
                writer.WriteNull(columns[i].Key);
        }
    });

    /// <summary>One NDJSON line: a JSON object whose members <paramref name="members"/> writes, and the newline.</summary>
    private static byte[] Line(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Writes <paramref name="value"/> under <paramref name="key"/> and returns its storage type name.</summary>
    private static string Write(Utf8JsonWriter writer, string key, string name, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(key);
                return "STRING";
            case string s:
                writer.WriteString(key, s);
                return "STRING";
            case bool b:
                writer.WriteBoolean(key, b);
                return "BOOLEAN";
            case long l:
                writer.WriteNumber(key, l);
                return "INTEGER";
            case decimal m:
                writer.WriteNumber(key, m);
                return "NUMERIC";
            case double d:
                writer.WriteNumber(key, d);
                return "FLOAT64";
            case DateValue date:
                writer.WriteString(key, date.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                return "DATE";
            case DateTimeValue instant when instant.IsInstant || instant.Value.Kind != DateTimeKind.Unspecified:
                writer.WriteString(key, instant.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                return "TIMESTAMP";
            case DateTimeValue wallClock:
                writer.WriteString(key, wallClock.Value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
                return "DATETIME";
            case TimeSpan time:
                writer.WriteString(key, time.ToString("hh\\:mm\\:ss\\.fffffff", CultureInfo.InvariantCulture));
                return "TIME";
            default:
                throw new OwoxException(
                    $"SELECT without FROM cannot return the list in {name}; select one value per column",
                    null, null, OwoxErrorCodes.SqlInvalidValue, null, isTransient: false);
        }
    }
}
