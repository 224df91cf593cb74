using System;
using System.Collections;
using System.Collections.Generic;
using System.Data;
using System.Globalization;

namespace Owox.Data.Query;

/// <summary>A date without time of day (DateOnly, a DbType.Date parameter), written <c>yyyy-MM-dd</c>.</summary>
internal sealed record DateValue(DateTime Date);

/// <summary>
/// A date and time: a DateTime as given, or a DateTimeOffset converted to UTC (<see cref="IsInstant"/>). Date-only
/// decisions use the value's own wall clock (so <c>DateTime.Today</c> is a date); when written as a timestamp
/// (<c>yyyy-MM-dd HH:mm:ss[.ffffff]</c>) a <see cref="DateTimeKind.Local"/> value is converted to UTC first.
/// </summary>
internal sealed record DateTimeValue(DateTime Value, bool IsInstant);

/// <summary>
/// Normalises literal and parameter values to the few kinds a filter can carry — string, long, decimal, double,
/// bool, null, <see cref="DateValue"/>, <see cref="DateTimeValue"/>, TimeSpan (time of day), or a list of those —
/// and formats them as typed <see cref="FilterValue"/>s for a column's storage type.
/// </summary>
internal static class BoundValues
{
    /// <summary>Normalises a parameter's value; lists (IEnumerable other than string/byte[]) become lists of normalised items.</summary>
    public static object? FromParameter(OwoxParameter parameter, Func<string, OwoxException> error)
    {
        var value = parameter.Value;
        if (value is IEnumerable enumerable and not string and not byte[] and not char[])
        {
            var items = new List<object?>();
            foreach (var item in enumerable)
            {
                if (item is IEnumerable and not string)
                    throw error("holds a nested collection; an IN list takes scalar values only");
                items.Add(Scalar(item, DbType.Object, error));
            }
            return items;
        }
        return Scalar(value, parameter.DbType, error);
    }

    private static object? Scalar(object? value, DbType dbType, Func<string, OwoxException> error)
    {
        switch (value)
        {
            case null:
            case DBNull:
                return null;
            case string s:
                return s;
            case char c:
                return c.ToString();
            case bool b:
                return b;
            case sbyte or byte or short or ushort or int or uint or long:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong u:
                return u <= long.MaxValue ? (long)u : (decimal)u;
            case decimal m:
                return m;
            case float f:
                if (float.IsNaN(f) || float.IsInfinity(f))
                    throw error("is NaN or infinite; a filter value must be a finite number");
                return double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d))
                    throw error("is NaN or infinite; a filter value must be a finite number");
                return d;
            case DateTime dt:
                if (dbType == DbType.Date)
                    return new DateValue(dt.Date);
                return new DateTimeValue(dt, IsInstant: false);
            case DateTimeOffset dto:
                if (dbType == DbType.Date)
                    return new DateValue(dto.Date);
                return new DateTimeValue(dto.UtcDateTime, IsInstant: true);
            case TimeSpan ts:
                return ts;
#if NET6_0_OR_GREATER
            case DateOnly date:
                return new DateValue(date.ToDateTime(TimeOnly.MinValue));
            case TimeOnly time:
                return time.ToTimeSpan();
#endif
            case Guid g:
                return g.ToString("D");
            case Enum e:
                return e.ToString();
            case byte[]:
                throw error("is a byte[]; binary values cannot be used in filters (the API compares only strings, numbers, booleans and dates)");
            case IEnumerable:
                throw error("is a collection; a list is only allowed as an IN list (col IN @ids), where it is expanded");
            default:
#if !NET6_0_OR_GREATER
                if (LateBoundDateOrTime(value) is { } dateOrTime)
                    return dateOrTime;
#endif
                throw error($"has the unsupported type {value.GetType().FullName}; pass a string, number, bool, date/time, Guid or enum");
        }
    }

#if !NET6_0_OR_GREATER
    /// <summary>
    /// The netstandard2.0 build can run on .NET 6+ (a tool may load it there), where callers pass DateOnly and TimeOnly,
    /// types that exist at run time but not at compile time: read through their public properties. Null for other types.
    /// </summary>
    private static object? LateBoundDateOrTime(object value)
    {
        var type = value.GetType();
        if (type.FullName == "System.DateOnly")
        {
            int Part(string name) => (int)type.GetProperty(name)!.GetValue(value)!;
            return new DateValue(new DateTime(Part("Year"), Part("Month"), Part("Day"), 0, 0, 0, DateTimeKind.Unspecified));
        }
        if (type.FullName == "System.TimeOnly")
            return new TimeSpan((long)type.GetProperty("Ticks")!.GetValue(value)!);
        return null;
    }
#endif

    /// <summary>
    /// The filter value of <paramref name="value"/> for a column of <paramref name="category"/>: strings that are
    /// numbers for number columns, numbers as text for string columns, dates as <c>yyyy-MM-dd</c> for DATE and
    /// <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c> for timestamps (date-only for unknown columns when the value is a date).
    /// </summary>
    public static FilterValue ToFilterValue(object value, ColumnTypeCategory category, string column, Func<string, OwoxException> error)
    {
        switch (value)
        {
            case string s:
                if (category == ColumnTypeCategory.Number)
                {
                    if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                        return FilterValue.Integer(l);
                    if (decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
                        return FilterValue.Decimal(m);
                    throw error($"is the text '{s}', but {column} is a number column; compare it with a number");
                }
                return FilterValue.String(s);
            case long l2:
                return category == ColumnTypeCategory.String ? FilterValue.String(l2.ToString(CultureInfo.InvariantCulture)) : FilterValue.Integer(l2);
            case decimal m2:
                return category == ColumnTypeCategory.String ? FilterValue.String(m2.ToString(CultureInfo.InvariantCulture)) : FilterValue.Decimal(m2);
            case double d:
                return category == ColumnTypeCategory.String ? FilterValue.String(d.ToString("R", CultureInfo.InvariantCulture)) : FilterValue.Double(d);
            case bool b:
                return FilterValue.Boolean(b);
            case DateValue date:
                if (category is ColumnTypeCategory.Number or ColumnTypeCategory.Time or ColumnTypeCategory.Boolean)
                    throw error($"is a date, but {column} is a {CategoryName(category)} column");
                return FilterValue.String(category == ColumnTypeCategory.Timestamp
                    ? date.Date.ToString("yyyy-MM-dd' '00:00:00", CultureInfo.InvariantCulture)
                    : date.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case DateTimeValue dateTime:
                return FilterValue.String(FormatDateTime(dateTime, category, column, error));
            case TimeSpan time:
                if (category is not (ColumnTypeCategory.Time or ColumnTypeCategory.Unknown or ColumnTypeCategory.String))
                    throw error($"is a time of day (TimeSpan/TimeOnly), but {column} is a {CategoryName(category)} column");
                if (time < TimeSpan.Zero || time >= TimeSpan.FromDays(1))
                    throw error("is a TimeSpan outside 00:00:00–23:59:59.999999; only a time of day can be compared");
                return FilterValue.String(FormatTime(time));
            default:
                throw error($"has the unsupported type {value.GetType().Name}");
        }
    }

    private static string FormatDateTime(DateTimeValue value, ColumnTypeCategory category, string column, Func<string, OwoxException> error)
    {
        var dt = value.Value;
        switch (category)
        {
            case ColumnTypeCategory.Date:
                if (dt.TimeOfDay != TimeSpan.Zero)
                {
                    throw error($"has a time of day ({dt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}), but {column} is a DATE column; pass a date (DateTime.Date, DateOnly, or DbType.Date)");
                }
                return dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case ColumnTypeCategory.Timestamp:
                return FormatTimestamp(ToUniversalIfLocal(dt));
            case ColumnTypeCategory.Number or ColumnTypeCategory.Time or ColumnTypeCategory.Boolean:
                throw error($"is a date/time, but {column} is a {CategoryName(category)} column");
            default:
                return !value.IsInstant && dt.TimeOfDay == TimeSpan.Zero
                    ? dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                    : FormatTimestamp(ToUniversalIfLocal(dt));
        }
    }

    private static DateTime ToUniversalIfLocal(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;

    /// <summary><c>yyyy-MM-dd HH:mm:ss</c>, plus <c>.ffffff</c> when the microseconds are not zero (sub-microsecond ticks are dropped).</summary>
    public static string FormatTimestamp(DateTime value) =>
        value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + Fraction(value.Ticks);

    /// <summary><c>HH:mm:ss</c>, plus <c>.ffffff</c> when the microseconds are not zero.</summary>
    public static string FormatTime(TimeSpan value) =>
        value.ToString("hh\\:mm\\:ss", CultureInfo.InvariantCulture) + Fraction(value.Ticks);

    private static string Fraction(long ticks)
    {
        var microseconds = ticks % TimeSpan.TicksPerSecond / 10;
        return microseconds == 0 ? string.Empty : "." + microseconds.ToString("D6", CultureInfo.InvariantCulture);
    }

    public static string CategoryName(ColumnTypeCategory category) => category switch
    {
        ColumnTypeCategory.String => "string",
        ColumnTypeCategory.Number => "number",
        ColumnTypeCategory.Date => "DATE",
        ColumnTypeCategory.Timestamp => "timestamp",
        ColumnTypeCategory.Time => "TIME",
        ColumnTypeCategory.Boolean => "boolean",
        ColumnTypeCategory.Other => "non-comparable (JSON/array/record/bytes)",
        _ => "untyped",
    };

    /// <summary>How an error message shows a value.</summary>
    public static string Show(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s + "'",
        DateValue d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeValue t => FormatTimestamp(t.Value),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
