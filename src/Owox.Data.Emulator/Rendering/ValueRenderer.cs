using System;
using Owox.Data.Emulator.Model;
using Owox.Data.Emulator.Query;
using Owox.Data.Emulator.Storage;

namespace Owox.Data.Emulator.Rendering;

/// <summary>
/// Renders canonical SQLite cells as the JSON a given warehouse's reader produces (wire-protocol §3.8). One subclass per flavour.
/// </summary>
internal abstract class ValueRenderer
{
    private const long MaxSafeInteger = 9007199254740991L;

    public static ValueRenderer For(StorageFlavor flavor) => flavor switch
    {
        StorageFlavor.BigQuery => BigQueryRenderer.Instance,
        StorageFlavor.Athena => AthenaRenderer.Instance,
        StorageFlavor.Snowflake => SnowflakeRenderer.Instance,
        StorageFlavor.Redshift => RedshiftRenderer.Instance,
        _ => DatabricksRenderer.Instance,
    };

    /// <summary>Whether SQL NULL drops the key (Athena) instead of writing <c>null</c>.</summary>
    protected virtual bool OmitNullKeys => false;

    public void WriteRow(NdjsonWriter writer, RawRow reader, QueryPlan plan)
    {
        writer.BeginRow();
        foreach (var column in plan.Outputs)
        {
            if (reader.IsNull(column.Ordinal))
            {
                if (!OmitNullKeys)
                {
                    writer.Key(column.EncodedKey);
                    writer.NullValue();
                }

                continue;
            }

            writer.Key(column.EncodedKey);
            WriteValue(writer, reader, column);
        }

        writer.EndRow();
    }

    private void WriteValue(NdjsonWriter w, RawRow r, OutputColumn column)
    {
        var i = column.Ordinal;
        switch (column.Kind)
        {
            case ValueKind.Integer:
                WriteInteger(w, r.GetInt64(i));
                break;
            case ValueKind.Float:
                WriteFloat(w, r.GetDouble(i));
                break;
            case ValueKind.Decimal:
                WriteDecimal(w, r.GetDouble(i));
                break;
            case ValueKind.Boolean:
                WriteBoolean(w, r.GetInt64(i) != 0);
                break;
            case ValueKind.Date:
                WriteDate(w, r.GetUtf8(i));
                break;
            case ValueKind.Timestamp:
                WriteTimestamp(w, r.GetString(i), column.Type);
                break;
            case ValueKind.Time:
                WriteTime(w, r.GetString(i));
                break;
            case ValueKind.Bytes:
                WriteBytes(w, r.GetBytes(i));
                break;
            case ValueKind.Record:
                w.RawUtf8(r.GetUtf8(i));
                break;
            case ValueKind.Repeated:
                WriteRepeated(w, r.GetString(i));
                break;
            default:
                w.StringUtf8(r.GetUtf8(i));
                break;
        }
    }

    /// <summary>64-bit integers become JavaScript numbers: precision is lost beyond ±2^53.</summary>
    protected virtual void WriteInteger(NdjsonWriter w, long value)
    {
        if (value is > MaxSafeInteger or < -MaxSafeInteger)
        {
            w.Double(value);
        }
        else
        {
            w.Long(value);
        }
    }

    protected virtual void WriteFloat(NdjsonWriter w, double value) => w.Double(value);

    protected abstract void WriteDecimal(NdjsonWriter w, double value);

    protected virtual void WriteBoolean(NdjsonWriter w, bool value) => w.Bool(value);

    /// <param name="w">The writer.</param>
    /// <param name="date">UTF-8 <c>yyyy-MM-dd</c>.</param>
    protected virtual void WriteDate(NdjsonWriter w, ReadOnlySpan<byte> date) => w.StringUtf8(date);

    /// <param name="w">The writer.</param>
    /// <param name="canonical"><c>yyyy-MM-dd HH:mm:ss.ffffff</c>.</param>
    /// <param name="type">The upper-case storage type name.</param>
    protected abstract void WriteTimestamp(NdjsonWriter w, string canonical, string type);

    /// <param name="w">The writer.</param>
    /// <param name="canonical"><c>HH:mm:ss.ffffff</c>.</param>
    protected virtual void WriteTime(NdjsonWriter w, string canonical) => w.String(TrimmedFraction(canonical, 8));

    protected virtual void WriteBytes(NdjsonWriter w, byte[] value) => w.String(Convert.ToBase64String(value));

    protected virtual void WriteRepeated(NdjsonWriter w, string json) => w.String(json);

    /// <summary>Decimals as exact text when the double converts; otherwise the double's own text.</summary>
    protected static string DecimalText(double value, bool plain)
    {
        try
        {
            var d = (decimal)value;
            return plain ? JsNumber.FormatPlain(d) : JsNumber.Format(d);
        }
        catch (OverflowException)
        {
            return JsNumber.Format(value);
        }
    }

    /// <summary>The first <paramref name="secondsEnd"/> characters plus the fraction without trailing zeros (none when zero).</summary>
    protected static string TrimmedFraction(string canonical, int secondsEnd)
    {
        var fraction = canonical.AsSpan(secondsEnd + 1).TrimEnd('0');
        return fraction.IsEmpty ? canonical[..secondsEnd] : string.Concat(canonical.AsSpan(0, secondsEnd + 1), fraction);
    }

    protected static string Millis(string canonical, int secondsEnd) => canonical[..(secondsEnd + 4)];
}
