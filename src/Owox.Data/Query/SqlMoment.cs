using System;
using System.Collections.Generic;

namespace Owox.Data.Query;

/// <summary>
/// The current date or time as a SQL text writes it — <c>CURRENT_DATE</c>, <c>CURRENT_TIMESTAMP</c>, <c>NOW()</c>,
/// <c>GETDATE()</c> — with the intervals added to it (<c>- INTERVAL '7' DAY</c>, <c>DATEADD(month, -1, …)</c>). It is
/// evaluated when the command runs, in UTC (docs/sql.md §4.1), or matched to a relative-date preset by the binder.
/// </summary>
internal sealed class SqlMoment(bool isDate, string spelling)
{
    /// <summary>True for <c>CURRENT_DATE</c> (midnight of today), false for the current instant.</summary>
    public bool IsDate { get; } = isDate;

    /// <summary>The function as written, upper case, for messages.</summary>
    public string Spelling { get; } = spelling;

    /// <summary>The intervals added, in text order (subtractions have a negative amount).</summary>
    public List<SqlInterval> Intervals { get; } = [];

    /// <summary>True when the value has a time of day: an instant, or a date moved by hours, minutes or seconds.</summary>
    public bool HasTime => !IsDate || Intervals.Exists(i => i.Unit < SqlIntervalUnit.Day);

    /// <summary>For <c>CURRENT_DATE</c> moved by whole days or weeks only, the offset in days (0 for today); else null.</summary>
    public long? DayOffset
    {
        get
        {
            if (!IsDate)
                return null;
            long days = 0;
            foreach (var interval in Intervals)
            {
                if (interval.Unit == SqlIntervalUnit.Day)
                    days += interval.Amount;
                else if (interval.Unit == SqlIntervalUnit.Week)
                    days += interval.Amount * 7;
                else
                    return null;
            }
            return days;
        }
    }

    /// <summary>The value at <paramref name="utcNow"/>; throws <see cref="ArgumentOutOfRangeException"/> outside the calendar.</summary>
    public DateTime At(DateTime utcNow)
    {
        var value = IsDate ? utcNow.Date : utcNow;
        foreach (var interval in Intervals)
        {
            value = interval.Unit switch
            {
                SqlIntervalUnit.Second => value.AddSeconds(interval.Amount),
                SqlIntervalUnit.Minute => value.AddMinutes(interval.Amount),
                SqlIntervalUnit.Hour => value.AddHours(interval.Amount),
                SqlIntervalUnit.Day => value.AddDays(interval.Amount),
                SqlIntervalUnit.Week => value.AddDays(interval.Amount * 7.0),
                SqlIntervalUnit.Month => value.AddMonths(checked((int)interval.Amount)),
                SqlIntervalUnit.Quarter => value.AddMonths(checked((int)(interval.Amount * 3))),
                _ => value.AddYears(checked((int)interval.Amount)),
            };
        }
        return value;
    }
}

/// <summary>One interval added to a <see cref="SqlMoment"/>.</summary>
internal readonly record struct SqlInterval(long Amount, SqlIntervalUnit Unit);

/// <summary>The units of <c>INTERVAL</c> and <c>DATEADD</c>, smallest first.</summary>
internal enum SqlIntervalUnit
{
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
}
