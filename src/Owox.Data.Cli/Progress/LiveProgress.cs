using System;
using System.Diagnostics;
using Spectre.Console;

namespace Owox.Data.Cli.Progress;

/// <summary>Progress as one line on a terminal, redrawn by Spectre.Console's live display ten times a second.</summary>
internal sealed class LiveProgress(LiveDisplayContext display, Stopwatch elapsed) : ExportProgress(elapsed)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private TimeSpan _next = TimeSpan.Zero;

    public override void Row(long rows)
    {
        var now = Elapsed;
        if (now < _next)
            return;
        _next = now + Interval;
        display.UpdateTarget(new Text(Line(rows, now), new Style(Color.Grey)));
        display.Refresh();
    }
}
