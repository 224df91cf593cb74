using System;
using System.Numerics;
using System.Text.Json;
using Owox.Data.Reading;

namespace Owox.Data.Types;

/// <summary>
/// The one conversion table behind every getter: <see cref="ToObject"/> gives a column's natural CLR value
/// (its <c>GetFieldType</c>), <see cref="To{T}"/> every other natural conversion. Values are never null here:
/// the reader handles NULL before calling in.
/// </summary>
internal static class ValueConverter
{
    /// <summary>The smallest and the largest integer <see cref="ToObject"/> returns a shared box for.</summary>
    private const long SmallestCachedInteger = -128, LargestCachedInteger = 1023;

    private static readonly object s_true = true, s_false = false;

    private static readonly object[] s_integers = CreateIntegerBoxes();

    /// <summary>
    /// The value as <see cref="OwoxDataReader.GetValue"/> returns it, boxed; booleans and small integers (counts, flags,
    /// codes) share boxes made once, so reading them allocates nothing. A box is immutable, so sharing one is safe.
    /// </summary>
    public static object ToObject(OwoxValueKind kind, in RawValue value) => kind switch
    {
        OwoxValueKind.Int64 => Box(ValueParser.ParseInt64(value)),
        OwoxValueKind.Decimal => ValueParser.ParseDecimal(value),
        OwoxValueKind.Double => ValueParser.ParseDouble(value),
        OwoxValueKind.Boolean => ValueParser.ParseBoolean(value) ? s_true : s_false,
        OwoxValueKind.Date => ValueParser.ParseDate(value),
        OwoxValueKind.TimestampUtc => ValueParser.ParseTimestampUtc(value),
        OwoxValueKind.DateTime => ValueParser.ParseDateTime(value),
        OwoxValueKind.Time => ValueParser.ParseTime(value),
        OwoxValueKind.Bytes => ValueParser.ParseBytes(value),
        _ => value.GetText(),
    };

    private static object Box(long value) =>
        value is >= SmallestCachedInteger and <= LargestCachedInteger ? s_integers[value - SmallestCachedInteger] : value;

    private static object[] CreateIntegerBoxes()
    {
        var boxes = new object[LargestCachedInteger - SmallestCachedInteger + 1];
        for (var i = 0; i < boxes.Length; i++)
            boxes[i] = SmallestCachedInteger + i;
        return boxes;
    }

    /// <summary>
    /// Converts to <typeparamref name="T"/> (not a <see cref="Nullable{T}"/>: the reader unwraps those). Throws
    /// <see cref="InvalidCastException"/> for a type that makes no sense for the column, <see cref="FormatException"/> or
    /// <see cref="OverflowException"/> for a value that does not convert; the reader adds the column's name to either.
    /// </summary>
    public static T To<T>(OwoxValueKind kind, in RawValue value)
    {
        if (typeof(T) == typeof(string))
            return (T)(object)value.GetText();
        if (typeof(T) == typeof(long))
            return (T)(object)Int64(kind, value);
        if (typeof(T) == typeof(int))
            return (T)(object)checked((int)Int64(kind, value));
        if (typeof(T) == typeof(short))
            return (T)(object)checked((short)Int64(kind, value));
        if (typeof(T) == typeof(byte))
            return (T)(object)checked((byte)Int64(kind, value));
        if (typeof(T) == typeof(sbyte))
            return (T)(object)checked((sbyte)Int64(kind, value));
        if (typeof(T) == typeof(ushort))
            return (T)(object)checked((ushort)Int64(kind, value));
        if (typeof(T) == typeof(uint))
            return (T)(object)checked((uint)Int64(kind, value));
        if (typeof(T) == typeof(ulong))
            return (T)(object)(ulong)ValueParser.ParseBigInteger(value);
        if (typeof(T) == typeof(decimal))
            return (T)(object)Number(kind, value, ValueParser.ParseDecimal);
        if (typeof(T) == typeof(double))
            return (T)(object)Number(kind, value, ValueParser.ParseDouble);
        if (typeof(T) == typeof(float))
            return (T)(object)Single(Number(kind, value, ValueParser.ParseDouble));
        if (typeof(T) == typeof(BigInteger))
            return (T)(object)Number(kind, value, ValueParser.ParseBigInteger);
        if (typeof(T) == typeof(bool))
            return (T)(object)ValueParser.ParseBoolean(value);
        if (typeof(T) == typeof(DateTime))
            return (T)(object)DateTimeValue(kind, value);
        if (typeof(T) == typeof(DateTimeOffset))
            return (T)(object)(kind == OwoxValueKind.TimestampUtc
                ? new DateTimeOffset(ValueParser.ParseTimestampUtc(value))
                : ValueParser.ParseDateTimeOffset(value));
        if (typeof(T) == typeof(TimeSpan))
            return (T)(object)ValueParser.ParseTime(value);
#if NET6_0_OR_GREATER
        if (typeof(T) == typeof(DateOnly))
            return (T)(object)DateOnly.FromDateTime(kind == OwoxValueKind.TimestampUtc ? ValueParser.ParseTimestampUtc(value) : ValueParser.ParseDate(value));
        if (typeof(T) == typeof(TimeOnly))
            return (T)(object)(kind is OwoxValueKind.TimestampUtc or OwoxValueKind.DateTime
                ? TimeOnly.FromDateTime(DateTimeValue(kind, value))
                : TimeOnly.FromTimeSpan(ValueParser.ParseTime(value)));
#else
        if (LateBoundDateOrTime(typeof(T), kind, value) is { } boxed)
            return (T)boxed;
#endif
        if (typeof(T) == typeof(Guid))
            return (T)(object)ValueParser.ParseGuid(value);
        if (typeof(T) == typeof(byte[]))
            return (T)(object)ValueParser.ParseBytes(value);
        if (typeof(T) == typeof(char))
        {
            var text = value.GetText();
            return text.Length == 1 ? (T)(object)text[0] : throw new FormatException($"'{text}' is not a single character.");
        }
        if (typeof(T) == typeof(JsonDocument))
            return (T)(object)ParseJson(kind, value);
        if (typeof(T) == typeof(JsonElement))
        {
            using var document = ParseJson(kind, value);
            return (T)(object)document.RootElement.Clone();
        }
        if (typeof(T) == typeof(object))
            return (T)ToObject(kind, value);
        throw new InvalidCastException();
    }

#if !NET6_0_OR_GREATER
    /// <summary>
    /// The netstandard2.0 build can still run on .NET 6+ (a tool may load it there): DateOnly and TimeOnly exist at
    /// run time, only not at compile time, so they are built through their public constructors. Null for other types.
    /// </summary>
    internal static object? LateBoundDateOrTime(Type type, OwoxValueKind kind, in RawValue value)
    {
        if (type.FullName == "System.DateOnly")
        {
            var date = kind == OwoxValueKind.TimestampUtc ? ValueParser.ParseTimestampUtc(value) : ValueParser.ParseDate(value);
            return Activator.CreateInstance(type, date.Year, date.Month, date.Day);
        }
        if (type.FullName == "System.TimeOnly")
        {
            var time = kind is OwoxValueKind.TimestampUtc or OwoxValueKind.DateTime ? DateTimeValue(kind, value).TimeOfDay : ValueParser.ParseTime(value);
            return Activator.CreateInstance(type, time.Ticks);
        }
        return null;
    }
#endif

    private static long Int64(OwoxValueKind kind, in RawValue value)
    {
        if (kind is OwoxValueKind.Boolean)
            return ValueParser.ParseBoolean(value) ? 1 : 0;
        return ValueParser.ParseInt64(value);
    }

    private static float Single(double value)
    {
        var single = (float)value;
        if (float.IsInfinity(single) && !double.IsInfinity(value))
            throw new OverflowException($"The value {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is beyond the range of float; read it as double.");
        return single;
    }

    private delegate TNumber NumberParser<out TNumber>(in RawValue value);

    private static TNumber Number<TNumber>(OwoxValueKind kind, in RawValue value, NumberParser<TNumber> parse)
    {
        if (kind is OwoxValueKind.Boolean or OwoxValueKind.Date or OwoxValueKind.DateTime or OwoxValueKind.TimestampUtc or OwoxValueKind.Time or OwoxValueKind.Bytes)
            throw new InvalidCastException();
        return parse(value);
    }

    private static DateTime DateTimeValue(OwoxValueKind kind, in RawValue value) => kind switch
    {
        OwoxValueKind.Date => ValueParser.ParseDate(value),
        OwoxValueKind.TimestampUtc => ValueParser.ParseTimestampUtc(value),
        _ => ValueParser.ParseDateTime(value),
    };

    private static JsonDocument ParseJson(OwoxValueKind kind, in RawValue value)
    {
        if (value.Kind is JsonTokenType.StartObject or JsonTokenType.StartArray)
            return JsonDocument.Parse(value.Bytes.ToArray());
        if (kind == OwoxValueKind.Json && value.Kind == JsonTokenType.String)
            return JsonDocument.Parse(value.GetText());
        if (value.Kind == JsonTokenType.String)
            return JsonDocument.Parse(JsonSerializerString(value.GetText()));
        return JsonDocument.Parse(value.Bytes.ToArray());
    }

    private static string JsonSerializerString(string text)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            writer.WriteStringValue(text);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static string Describe(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>)
        ? Nullable.GetUnderlyingType(type)!.Name + "?"
        : type.Name;
}
