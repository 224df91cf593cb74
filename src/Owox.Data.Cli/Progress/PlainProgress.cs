using System;
using System.Diagnostics;
using System.IO;

namespace Owox.Data.Cli.Progress;

/// <summary>Progress as plain lines (for a redirected stderr: logs, CI): one at most every second.</summary>
internal sealed class PlainProgress(TextWriter errors, Stopwatch elapsed) : ExportProgress(elapsed)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private TimeSpan _next = Interval;

    public override void Row(long rows)
    {
        var now = Elapsed;
        if (now < _next)
            return;
        _next = now + Interval;
        errors.WriteLine(Line(rows, now));
    }
}
