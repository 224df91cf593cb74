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
/// JSON numbers and booleans, JSON columns (JSON, RECORD, ARRAY, …) their JSON itself (compacted), NULL <c>null</c>, and every
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
            case string json when isJson && Parse(json) is { } document:
                using (document)
                    document.RootElement.WriteTo(writer);
                break;
            default: writer.WriteStringValue(ExportText.Format(value, isDate)); break;
        }
    }

    /// <summary>A JSON column's text as a document, written compactly so the row stays one line; null if it is not JSON (it is then written as a string).</summary>
    private static JsonDocument? Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
