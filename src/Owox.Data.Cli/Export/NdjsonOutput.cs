using System;
using System.Buffers;
using System.Data.Common;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Cli.Progress;

namespace Owox.Data.Cli.Export;

/// <summary>
/// <c>--format ndjson</c>: one JSON object per row and line (<c>\n</c>), keyed by column name. Numbers and booleans are
/// JSON numbers and booleans, JSON columns (JSON, RECORD, ARRAY, …) their JSON itself, NULL <c>null</c>, and every
/// other value a string in its <see cref="ExportText"/> form.
/// </summary>
internal static class NdjsonOutput
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes up to <paramref name="maxRows"/> rows of <paramref name="reader"/>; returns how many.</summary>
    public static async Task<long> WriteAsync(DbDataReader reader, TextWriter output, long maxRows, ExportProgress? progress, CancellationToken cancellationToken)
    {
        var columns = reader.GetColumnSchema();
        var isDate = columns.Select(ExportText.IsDate).ToArray();
        var isJson = columns.Select(ExportText.IsJson).ToArray();
        var buffer = new ArrayBufferWriter<byte>();
        long rows = 0;
        while (rows < maxRows && await reader.ReadAsync(cancellationToken))
        {
            rows++;
            buffer.Clear();
            using (var writer = new Utf8JsonWriter(buffer, Options))
            {
                writer.WriteStartObject();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    writer.WritePropertyName(reader.GetName(i));
                    WriteValue(writer, reader.GetValue(i), isDate[i], isJson[i]);
                }
                writer.WriteEndObject();
            }
            await output.WriteAsync(Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n");
            progress?.Row(rows);
        }
        await output.FlushAsync(cancellationToken);
        return rows;
    }

    private static void WriteValue(Utf8JsonWriter writer, object value, bool isDate, bool isJson)
    {
        switch (value)
        {
            case DBNull: writer.WriteNullValue(); break;
            case long l: writer.WriteNumberValue(l); break;
            case int n: writer.WriteNumberValue(n); break;
            case decimal d: writer.WriteNumberValue(d); break;
            case double f when double.IsFinite(f): writer.WriteNumberValue(f); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string json when isJson && IsJson(json): writer.WriteRawValue(json, skipInputValidation: true); break;
            default: writer.WriteStringValue(ExportText.Format(value, isDate)); break;
        }
    }

    /// <summary>Whether <paramref name="text"/> is one complete JSON value (a JSON column's text that is not is written as a string).</summary>
    private static bool IsJson(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        try
        {
            return reader.Read() && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
