using System;
using System.Diagnostics;
using System.IO;

namespace Owox.Data.Cli.Progress;

/// <summary>Progress as plain lines (for a redirected stderr: logs, CI): one at most every second.</summary>
internal sealed class PlainProgress(TextWriter errors, Stopwatch elapsed) : ExportProgress(elapsed, TimeSpan.FromSeconds(1))
{
    protected override void Show(string line) => errors.WriteLine(line);
}
