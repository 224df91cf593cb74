using System;
using System.Globalization;
using System.Text.Json;

namespace Owox.Data.Emulator.Model;

/// <summary>The canonical SQLite forms of typed values (sortable text for dates and times).</summary>
internal static class Canonical
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss.ffffff";
    public const string TimeFormat = "HH:mm:ss.ffffff";

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string Timestamp(DateTime utc) => utc.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static string Time(TimeSpan time) => new DateTime(time.Ticks, DateTimeKind.Unspecified).ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static bool TryParseInstant(string text, out DateTime utc)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var dto))
        {
            utc = dto.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }

    /// <summary>A date or date-time text in canonical form, or the input unchanged when it does not parse.</summary>
    public static string NormalizeDateText(string text, ValueKind kind)
    {
        if (kind == ValueKind.Time)
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var ts) ? Time(ts) : text;
        }

        if (!TryParseInstant(text, out var utc))
        {
            return text;
        }

        return kind == ValueKind.Date ? Date(DateOnly.FromDateTime(utc)) : Timestamp(utc);
    }

    /// <summary>Converts a CLR value (or its text) to the canonical SQLite value of a column kind.</summary>
    public static object? ToStorage(object? value, ValueKind kind)
    {
        if (value is null || value is DBNull)
        {
            return null;
        }

        if (value is JsonElement json)
        {
            return FromJson(json, kind);
        }

        switch (kind)
        {
            case ValueKind.String:
                return value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture);
            case ValueKind.Integer:
                return value is string si ? long.Parse(si, NumberStyles.Integer, CultureInfo.InvariantCulture) : Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ValueKind.Float:
            case ValueKind.Decimal:
                return value is string sf ? double.Parse(sf, NumberStyles.Float, CultureInfo.InvariantCulture) : Convert.ToDouble(value, CultureInfo.InvariantCulture);
            case ValueKind.Boolean:
                return value switch
                {
                    bool b => b ? 1L : 0L,
                    string sb => bool.Parse(sb) ? 1L : 0L,
                    _ => Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0 ? 1L : 0L,
                };
            case ValueKind.Date:
                return value switch
                {
                    DateOnly d => Date(d),
                    DateTime dt => Date(DateOnly.FromDateTime(dt)),
                    DateTimeOffset dto => Date(DateOnly.FromDateTime(dto.UtcDateTime)),
                    _ => NormalizeDateText(Convert.ToString(value, CultureInfo.InvariantCulture)!, kind),
                };
            case ValueKind.Timestamp:
                return value switch
                {
                    DateTime dt => Timestamp(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : dt),
                    DateTimeOffset dto => Timestamp(dto.UtcDateTime),
                    DateOnly d => Timestamp(d.ToDateTime(TimeOnly.MinValue)),
                    _ => NormalizeDateText(Convert.ToString(value, CultureInfo.InvariantCulture)!, kind),
                };
            case ValueKind.Time:
                return value switch
                {
                    TimeSpan ts => Time(ts),
                    TimeOnly to => Time(to.ToTimeSpan()),
                    _ => NormalizeDateText(Convert.ToString(value, CultureInfo.InvariantCulture)!, kind),
                };
            case ValueKind.Bytes:
                return value is byte[] bytes ? bytes : Convert.FromBase64String(Convert.ToString(value, CultureInfo.InvariantCulture)!);
            default:
                return value is string s ? s : JsonSerializer.Serialize(value);
        }
    }

    private static object? FromJson(JsonElement json, ValueKind kind)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return null;
            case JsonValueKind.String:
                return ToStorage(json.GetString(), kind);
            case JsonValueKind.True:
            case JsonValueKind.False:
                return kind is ValueKind.Text or ValueKind.Record or ValueKind.Repeated or ValueKind.String
                    ? ToStorage(json.GetRawText(), kind)
                    : ToStorage(json.GetBoolean(), kind);
            case JsonValueKind.Number:
                return kind switch
                {
                    ValueKind.Integer => json.GetInt64(),
                    ValueKind.Float or ValueKind.Decimal => json.GetDouble(),
                    ValueKind.Boolean => json.GetDouble() != 0 ? 1L : 0L,
                    _ => ToStorage(json.GetRawText(), kind),
                };
            default:
                return json.GetRawText();
        }
    }
}
