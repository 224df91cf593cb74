using System;
using System.Collections.Generic;
using System.Data;
using System.Globalization;
using System.Text.Json;

namespace Owox.Data.Partitioning;

/// <summary>
/// A partition's parameters as JSON that round-trips exactly: each one's name, <see cref="DbType"/> and value, the value
/// in an invariant text form for its type (decimals as exact text, timestamps as ISO 8601 with their kind).
/// </summary>
internal static class PartitionParameters
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<OwoxParameter> parameters)
    {
        writer.WriteStartArray("parameters");
        foreach (var parameter in parameters)
        {
            writer.WriteStartObject();
            writer.WriteString("name", parameter.ParameterName);
            writer.WriteString("dbType", parameter.DbType.ToString());
            writer.WritePropertyName("value");
            WriteValue(writer, parameter);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    public static List<OwoxParameter> Read(JsonElement array)
    {
        var parameters = new List<OwoxParameter>();
        foreach (var item in array.EnumerateArray())
        {
            var name = item.GetProperty("name").GetString()!;
            var dbType = (DbType)Enum.Parse(typeof(DbType), item.GetProperty("dbType").GetString()!);
            var value = item.GetProperty("value");
            parameters.Add(new OwoxParameter(name, value.ValueKind == JsonValueKind.Null ? DBNull.Value : ReadValue(value, dbType, name)) { DbType = dbType });
        }
        return parameters;
    }

    private static void WriteValue(Utf8JsonWriter writer, OwoxParameter parameter)
    {
        switch (parameter.Value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(parameter.Value, CultureInfo.InvariantCulture));
                break;
            case decimal d:
                writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture));
                break;
            case double or float:
                writer.WriteStringValue(Convert.ToDouble(parameter.Value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                break;
            case DateTime t:
                writer.WriteStringValue(t.ToString("o", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset o:
                writer.WriteStringValue(o.ToString("o", CultureInfo.InvariantCulture));
                break;
            case TimeSpan span:
                writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid g:
                writer.WriteStringValue(g.ToString("D"));
                break;
            default:
                throw new ArgumentException(
                    $"Parameter '{parameter.ParameterName}' holds a {parameter.Value.GetType().Name}, which a partition cannot carry as JSON; " +
                    "use a string, number, boolean, date, timestamp, time or GUID.", nameof(parameter));
        }
    }

    private static object ReadValue(JsonElement value, DbType dbType, string name)
    {
        try
        {
            return dbType switch
            {
                DbType.Boolean => value.GetBoolean(),
                DbType.Byte or DbType.SByte or DbType.Int16 or DbType.UInt16 or DbType.Int32 or DbType.UInt32 or DbType.Int64 => value.GetInt64(),
                DbType.Decimal or DbType.Currency or DbType.VarNumeric => decimal.Parse(value.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
                DbType.Double or DbType.Single => double.Parse(value.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
                DbType.Date or DbType.DateTime or DbType.DateTime2 => DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                DbType.DateTimeOffset => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                DbType.Time => TimeSpan.ParseExact(value.GetString()!, "c", CultureInfo.InvariantCulture),
                DbType.Guid => Guid.Parse(value.GetString()!),
                _ => value.GetString()!,
            };
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException)
        {
            throw new FormatException($"The partition's parameter '{name}' ({dbType}) has a value that is not a valid {dbType}: {value.GetRawText()}.", e);
        }
    }
}
