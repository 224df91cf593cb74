using System;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Owox.Data.Emulator.Rendering;

/// <summary>BigQuery: NUMERIC as big.js strings, TIMESTAMP ISO with Z (3 or 9 digits), REPEATED pretty JSON strings.</summary>
internal sealed class BigQueryRenderer : ValueRenderer
{
    public static readonly BigQueryRenderer Instance = new();

    private static readonly JsonWriterOptions Pretty = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    protected override void WriteDecimal(NdjsonWriter w, double value) => w.String(DecimalText(value, plain: false));

    protected override void WriteTimestamp(NdjsonWriter w, string canonical, string type)
    {
        var date = canonical.AsSpan(0, 10);
        var time = canonical.AsSpan(11, 8);
        var micros = canonical.AsSpan(20, 6);
        if (type == "DATETIME")
        {
            w.String(micros.SequenceEqual("000000") ? string.Concat(date, "T", time) : string.Concat(date, "T", time, "." + micros.ToString()));
            return;
        }

        var fraction = micros[3..].SequenceEqual("000") ? micros[..3].ToString() : micros.ToString() + "000";
        w.String(string.Concat(date, "T", time, "." + fraction + "Z"));
    }

    protected override void WriteRepeated(NdjsonWriter w, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Pretty))
        {
            doc.WriteTo(writer);
        }

        w.String(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
