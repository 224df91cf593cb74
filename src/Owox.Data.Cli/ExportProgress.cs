using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Owox.Data.Cli;

/// <summary>While rows are written to a file: a line on stderr (rows, rows/s, elapsed) at most once a second.</summary>
internal sealed class ExportProgress(TextWriter errors, Stopwatch elapsed)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private TimeSpan _next = Interval;

    /// <summary>Called after each row with the number written so far; prints only when a second has passed since the last line.</summary>
    public void Row(long rows)
    {
        var now = elapsed.Elapsed;
        if (now < _next)
            return;
        _next = now + Interval;
        errors.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{rows} rows, {RowsPerSecond(rows, now)} rows/s, {now:hh\\:mm\\:ss} elapsed"));
    }

    /// <summary>Whole rows per second over <paramref name="time"/>.</summary>
    public static long RowsPerSecond(long rows, TimeSpan time) => (long)(rows / Math.Max(time.TotalSeconds, 0.001));
}
