using System;
using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Owox.Data.Emulator;

namespace Owox.Data.Benchmarks;

/// <summary>
/// Renders a <see cref="PayloadShape"/> as an NDJSON block of rows, in the value forms the warehouse sends
/// (wire-protocol §3.8), with the data-mart definition that types it. Every value comes from a hash of the row and the
/// column, so the same shape and row count give the same bytes on every run.
/// </summary>
internal static class Payloads
{
    private static readonly JsonWriterOptions s_writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] s_countries = ["DE", "FR", "US", "JP", "BR", "IN", "GB", "ES"];
    private static readonly string[] s_words = ["Été", "promo", "\"quoted\"", "日本語", "back\\slash", "tab\there", "naïve", "línea\nnueva", "plain", "🚀 launch"];
    private static readonly DateTime s_epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The block of <paramref name="rows"/> rows and the definition of its columns (null for the demo mart's own).</summary>
    public static (DataMartDefinition? Definition, byte[] Block) Render(PayloadShape shape, int rows)
    {
        if (shape == PayloadShape.Demo)
            return (null, DemoMarts.RenderAdPerformancePayload(rows));
        var definition = Definition(shape);
        var output = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(output, s_writer);
        for (var row = 0; row < rows; row++)
        {
            writer.WriteStartObject();
            switch (shape)
            {
                case PayloadShape.BigQueryNested: BigQueryRow(writer, row); break;
                case PayloadShape.Athena: AthenaRow(writer, row); break;
                case PayloadShape.Snowflake: SnowflakeRow(writer, row); break;
                case PayloadShape.Sparse: SparseRow(writer, row); break;
                case PayloadShape.Wide: WideRow(writer, row); break;
                default: LongTextRow(writer, row); break;
            }
            writer.WriteEndObject();
            writer.Flush();
            output.Write("\n"u8);
            writer.Reset();
        }
        return (definition, output.WrittenSpan.ToArray());
    }

    /// <summary>How many rows of <paramref name="shape"/> fit in a block of about 256 MB (the emulator repeats the block for more).</summary>
    public static int BlockRows(PayloadShape shape) => shape switch
    {
        PayloadShape.LongText => 20_000,
        PayloadShape.Wide => 250_000,
        _ => 1_000_000,
    };

    private static DataMartDefinition Definition(PayloadShape shape) => shape switch
    {
        PayloadShape.BigQueryNested => Mart(StorageFlavor.BigQuery,
            ("event_date", "DATE"), ("event_ts", "TIMESTAMP"), ("user_id", "STRING"), ("country", "STRING"), ("campaign", "STRING"),
            ("clicks", "INTEGER"), ("revenue", "NUMERIC"), ("ctr", "FLOAT"), ("is_new", "BOOLEAN"), ("device", "STRING"),
            ("payload", "RECORD"), ("tags", "STRING"), ("session", "JSON")),
        PayloadShape.Athena => Mart(StorageFlavor.Athena,
            ("event_date", "DATE"), ("event_ts", "TIMESTAMP"), ("user_id", "VARCHAR"), ("country", "VARCHAR"), ("campaign", "VARCHAR"),
            ("clicks", "BIGINT"), ("revenue", "DECIMAL"), ("ctr", "DOUBLE"), ("is_new", "BOOLEAN"), ("device", "VARCHAR"),
            ("impressions", "BIGINT"), ("cost", "DECIMAL"), ("notes", "VARCHAR")),
        PayloadShape.Snowflake => Mart(StorageFlavor.Snowflake,
            ("EVENT_DATE", "DATE"), ("EVENT_TS", "TIMESTAMP_TZ"), ("EVENT_TIME", "TIME"), ("USER_ID", "STRING"), ("COUNTRY", "STRING"),
            ("CAMPAIGN", "STRING"), ("CLICKS", "NUMERIC"), ("REVENUE", "NUMERIC"), ("CTR", "FLOAT"), ("IS_NEW", "BOOLEAN"),
            ("IMPRESSIONS", "NUMERIC"), ("COST", "NUMERIC"), ("ATTRS", "VARIANT")),
        PayloadShape.Sparse => Mart(StorageFlavor.BigQuery,
            ("event_date", "DATE"), ("event_ts", "TIMESTAMP"), ("user_id", "STRING"), ("country", "STRING"), ("campaign", "STRING"),
            ("clicks", "INTEGER"), ("impressions", "INTEGER"), ("revenue", "NUMERIC"), ("cost", "NUMERIC"), ("ctr", "FLOAT"),
            ("is_new", "BOOLEAN"), ("device", "STRING"), ("notes", "STRING")),
        PayloadShape.Wide => WideMart(),
        _ => Mart(StorageFlavor.BigQuery, ("id", "INTEGER"), ("title", "STRING"), ("body", "STRING"), ("created_at", "TIMESTAMP")),
    };

    private static DataMartDefinition Mart(StorageFlavor storage, params (string Name, string Type)[] columns)
    {
        var definition = new DataMartDefinition { Title = "Benchmark payload", Storage = storage };
        foreach (var (name, type) in columns)
            definition.Columns.Add(new DataMartColumn(name, type));
        return definition;
    }

    /// <summary>Column <c>i</c> of the wide shape: 60 integers, 25 floats, 10 numerics, 5 strings.</summary>
    private static string WideType(int i) => i < 60 ? "INTEGER" : i < 85 ? "FLOAT" : i < 95 ? "NUMERIC" : "STRING";

    private static DataMartDefinition WideMart()
    {
        var definition = new DataMartDefinition { Title = "Benchmark payload", Storage = StorageFlavor.BigQuery };
        for (var i = 0; i < 100; i++)
            definition.Columns.Add(new DataMartColumn(WideName(i), WideType(i)));
        return definition;
    }

    private static string WideName(int i) => "m" + i.ToString("D3", CultureInfo.InvariantCulture);

    private static void BigQueryRow(Utf8JsonWriter w, int row)
    {
        var at = Moment(row);
        w.WriteString("event_date", at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("event_ts", at.ToString(row % 2 == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture));
        w.WriteString("user_id", "u" + Hash(row, 1).ToString("x12", CultureInfo.InvariantCulture));
        w.WriteString("country", s_countries[Hash(row, 2) % (ulong)s_countries.Length]);
        w.WriteString("campaign", Text(row, 3, 3));
        w.WriteNumber("clicks", (long)(Hash(row, 4) % 10_000));
        NullOr(w, "revenue", row, 5, 10, () => w.WriteString("revenue", Decimal(row, 5)));
        w.WriteNumber("ctr", Hash(row, 6) % 100_000 / 1_000_000.0);
        w.WriteBoolean("is_new", Hash(row, 7) % 3 == 0);
        NullOr(w, "device", row, 8, 30, () => w.WriteString("device", Hash(row, 8) % 2 == 0 ? "mobile" : "desktop"));
        NullOr(w, "payload", row, 9, 15, () =>
        {
            w.WriteStartObject("payload");
            w.WriteStartArray("labels");
            for (var i = 0; i < (int)(Hash(row, 10) % 4); i++)
                w.WriteStringValue(s_words[(int)(Hash(row, 11 + i) % (ulong)s_words.Length)]);
            w.WriteEndArray();
            w.WriteNumber("score", Hash(row, 15) % 1000 / 1000.0);
            w.WriteStartObject("bid");
            w.WriteString("amount", Decimal(row, 16));
            w.WriteString("currency", "USD");
            w.WriteStartObject("placed");
            w.WriteString("value", at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
        NullOr(w, "tags", row, 17, 20, () => w.WriteString("tags", "[\n  \"" + s_countries[Hash(row, 18) % 8] + "\",\n  \"" + s_words[Hash(row, 19) % 10].Replace("\"", "\\\"", StringComparison.Ordinal) + "\"\n]"));
        w.WriteString("session", "{\"id\":" + (Hash(row, 20) % 100_000).ToString(CultureInfo.InvariantCulture) + ",\"pages\":" + (Hash(row, 21) % 20).ToString(CultureInfo.InvariantCulture) + "}");
    }

    private static void AthenaRow(Utf8JsonWriter w, int row)
    {
        var at = Moment(row);
        w.WriteString("event_date", at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("event_ts", at.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
        w.WriteString("user_id", "u" + Hash(row, 1).ToString("x12", CultureInfo.InvariantCulture));
        w.WriteString("country", s_countries[Hash(row, 2) % (ulong)s_countries.Length]);
        w.WriteString("campaign", Text(row, 3, 3));
        w.WriteString("clicks", (Hash(row, 4) % 10_000).ToString(CultureInfo.InvariantCulture));
        if (Hash(row, 5) % 100 >= 20)
            w.WriteString("revenue", Decimal(row, 5));
        w.WriteString("ctr", (Hash(row, 6) % 100_000 / 1_000_000.0).ToString("R", CultureInfo.InvariantCulture));
        w.WriteString("is_new", Hash(row, 7) % 3 == 0 ? "true" : "false");
        if (Hash(row, 8) % 100 >= 30)
            w.WriteString("device", Hash(row, 8) % 2 == 0 ? "mobile" : "desktop");
        w.WriteString("impressions", (Hash(row, 9) % 1_000_000).ToString(CultureInfo.InvariantCulture));
        w.WriteString("cost", Decimal(row, 10));
        if (Hash(row, 11) % 100 >= 60)
            w.WriteString("notes", Text(row, 12, 2));
    }

    private static void SnowflakeRow(Utf8JsonWriter w, int row)
    {
        var at = Moment(row);
        var offset = (int)(Hash(row, 1) % 3) switch { 0 => "+0000", 1 => "-0700", _ => "+0530" };
        w.WriteString("EVENT_DATE", at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("EVENT_TS", at.ToString("yyyy-MM-dd HH:mm:ss.fff ", CultureInfo.InvariantCulture) + offset);
        w.WriteString("EVENT_TIME", "\"" + at.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "\"");
        w.WriteString("USER_ID", "u" + Hash(row, 2).ToString("x12", CultureInfo.InvariantCulture));
        w.WriteString("COUNTRY", s_countries[Hash(row, 3) % (ulong)s_countries.Length]);
        w.WriteString("CAMPAIGN", Text(row, 4, 3));
        w.WriteNumber("CLICKS", (long)(Hash(row, 5) % 10_000));
        if (Hash(row, 6) % 100 < 10)
            w.WriteNull("REVENUE");
        else
            w.WriteNumber("REVENUE", Hash(row, 6) % 1_000_000 / 100.0);
        w.WriteNumber("CTR", Hash(row, 7) % 100_000 / 1_000_000.0);
        w.WriteBoolean("IS_NEW", Hash(row, 8) % 3 == 0);
        w.WriteNumber("IMPRESSIONS", (long)(Hash(row, 9) % 1_000_000));
        w.WriteNumber("COST", Hash(row, 10) % 10_000_000 / 100.0);
        w.WriteString("ATTRS", "{\"source\":\"" + s_countries[Hash(row, 11) % 8] + "\",\"ids\":[" + (Hash(row, 12) % 100).ToString(CultureInfo.InvariantCulture) + "," + (Hash(row, 13) % 100).ToString(CultureInfo.InvariantCulture) + "]}");
    }

    private static void SparseRow(Utf8JsonWriter w, int row)
    {
        var at = Moment(row);
        NullOr(w, "event_date", row, 0, 60, () => w.WriteString("event_date", at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        NullOr(w, "event_ts", row, 1, 60, () => w.WriteString("event_ts", at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        NullOr(w, "user_id", row, 2, 60, () => w.WriteString("user_id", "u" + Hash(row, 2).ToString("x12", CultureInfo.InvariantCulture)));
        NullOr(w, "country", row, 3, 60, () => w.WriteString("country", s_countries[Hash(row, 3) % 8]));
        NullOr(w, "campaign", row, 4, 60, () => w.WriteString("campaign", Text(row, 4, 2)));
        NullOr(w, "clicks", row, 5, 60, () => w.WriteNumber("clicks", (long)(Hash(row, 5) % 10_000)));
        NullOr(w, "impressions", row, 6, 60, () => w.WriteNumber("impressions", (long)(Hash(row, 6) % 1_000_000)));
        NullOr(w, "revenue", row, 7, 60, () => w.WriteString("revenue", Decimal(row, 7)));
        NullOr(w, "cost", row, 8, 60, () => w.WriteString("cost", Decimal(row, 8)));
        NullOr(w, "ctr", row, 9, 60, () => w.WriteNumber("ctr", Hash(row, 9) % 100_000 / 1_000_000.0));
        NullOr(w, "is_new", row, 10, 60, () => w.WriteBoolean("is_new", Hash(row, 10) % 3 == 0));
        NullOr(w, "device", row, 11, 60, () => w.WriteString("device", Hash(row, 11) % 2 == 0 ? "mobile" : "desktop"));
        NullOr(w, "notes", row, 12, 60, () => w.WriteString("notes", Text(row, 12, 2)));
    }

    private static void WideRow(Utf8JsonWriter w, int row)
    {
        for (var i = 0; i < 100; i++)
        {
            var name = WideName(i);
            var h = Hash(row, i);
            switch (WideType(i))
            {
                case "INTEGER": w.WriteNumber(name, (long)(h % 100_000)); break;
                case "FLOAT": w.WriteNumber(name, h % 1_000_000 / 1000.0); break;
                case "NUMERIC": w.WriteString(name, Decimal(row, i)); break;
                default: w.WriteString(name, s_countries[h % 8]); break;
            }
        }
    }

    private static void LongTextRow(Utf8JsonWriter w, int row)
    {
        w.WriteNumber("id", row);
        w.WriteString("title", Text(row, 1, 4));
        var length = 2_000 + (int)(Hash(row, 2) % 18_000);
        var body = new System.Text.StringBuilder(length + 32);
        for (var i = 0; body.Length < length; i++)
            body.Append(s_words[Hash(row, 3 + i) % (ulong)s_words.Length]).Append(i % 12 == 11 ? '\n' : ' ');
        w.WriteString("body", body.ToString());
        w.WriteString("created_at", Moment(row).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    /// <summary>Writes a null under <paramref name="name"/> for <paramref name="percent"/> % of the rows, else what <paramref name="write"/> writes.</summary>
    private static void NullOr(Utf8JsonWriter w, string name, int row, int column, int percent, Action write)
    {
        if ((int)(Hash(row, column + 100) % 100) < percent)
            w.WriteNull(name);
        else
            write();
    }

    private static DateTime Moment(int row) => s_epoch.AddSeconds(Hash(row, 99) % (730 * 86_400)).AddTicks((long)(Hash(row, 98) % 10_000_000));

    /// <summary>An exponent-free decimal with up to 6 places, as BigQuery's NUMERIC strings are.</summary>
    private static string Decimal(int row, int column)
    {
        var h = Hash(row, column);
        var places = (int)(h % 7);
        return (h % 100_000_000 / (decimal)Math.Pow(10, places)).ToString(CultureInfo.InvariantCulture);
    }

    private static string Text(int row, int column, int words)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < words; i++)
            text.Append(i == 0 ? string.Empty : " ").Append(s_words[Hash(row, column * 10 + i) % (ulong)s_words.Length]);
        return text.Append(" #").Append(row % 97).ToString();
    }

    /// <summary>SplitMix64 of the row and column: a deterministic, well-spread value.</summary>
    private static ulong Hash(int row, int column)
    {
        var z = ((ulong)row << 8 ^ (ulong)column) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
