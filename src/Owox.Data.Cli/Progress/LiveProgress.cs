using System;
using System.Diagnostics;
using Spectre.Console;

namespace Owox.Data.Cli.Progress;

/// <summary>Progress as one line on a terminal, redrawn by Spectre.Console's live display ten times a second.</summary>
internal sealed class LiveProgress(LiveDisplayContext display, Stopwatch elapsed) : ExportProgress(elapsed, TimeSpan.FromMilliseconds(100))
{
    protected override void Show(string line)
    {
        display.UpdateTarget(new Text(line, new Style(Color.Grey)));
        display.Refresh();
    }
}
