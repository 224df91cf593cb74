using System;
using System.Collections.Generic;
using System.Globalization;

namespace Owox.Data.Partitioning;

/// <summary>
/// Cuts an inclusive range of days into the periods of a granularity: disjoint, in order, together exactly the range.
/// Each period is aligned (a month starts on the 1st, a week on Monday) and clipped to the range at both ends; its key
/// names the aligned period, so the same day always lands under the same key whatever the range.
/// </summary>
internal static class PartitionCalendar
{
    /// <summary>The longest plan accepted: more partitions than this is a granularity mistake, not a plan.</summary>
    public const int MaxPartitions = 100_000;

    public static List<(string Key, DateTime From, DateTime To)> Periods(DateTime first, DateTime last, OwoxPartitionGranularity granularity)
    {
        if (last < first)
            throw new ArgumentException($"The partition range ends ({Day(last)}) before it starts ({Day(first)}); give the first and the last day in order.");
        var periods = new List<(string, DateTime, DateTime)>();
        var end = last.AddDays(1);
        for (var start = first; start < end;)
        {
            var aligned = Align(start, granularity);
            var next = Next(aligned, granularity);
            periods.Add((Key(aligned, granularity), start, next < end ? next : end));
            if (periods.Count > MaxPartitions)
                throw new ArgumentException($"The range {Day(first)} to {Day(last)} makes more than {MaxPartitions:N0} partitions by {granularity}; use a coarser granularity or a shorter range.");
            start = next;
        }
        return periods;
    }

    public static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateTime Align(DateTime day, OwoxPartitionGranularity granularity) => granularity switch
    {
        OwoxPartitionGranularity.Day => day,
        OwoxPartitionGranularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        OwoxPartitionGranularity.Month => new DateTime(day.Year, day.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(granularity), granularity, "Unknown partition granularity."),
    };

    private static DateTime Next(DateTime aligned, OwoxPartitionGranularity granularity) => granularity switch
    {
        OwoxPartitionGranularity.Day => aligned.AddDays(1),
        OwoxPartitionGranularity.Week => aligned.AddDays(7),
        _ => aligned.AddMonths(1),
    };

    private static string Key(DateTime aligned, OwoxPartitionGranularity granularity) =>
        granularity == OwoxPartitionGranularity.Month ? aligned.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Day(aligned);
}
