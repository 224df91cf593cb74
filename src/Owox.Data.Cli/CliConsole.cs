using System.IO;

namespace Owox.Data.Cli;

/// <summary>Where owox-data writes: rows to <see cref="Out"/>, progress and messages to <see cref="Error"/>, and whether each is a terminal.</summary>
/// <param name="Out">stdout: rows and listings.</param>
/// <param name="Error">stderr: progress, summaries and errors.</param>
/// <param name="OutputIsTerminal">Whether stdout is a terminal (then no progress is drawn beside the rows).</param>
/// <param name="ErrorIsTerminal">Whether stderr is a terminal (then progress is one live line; otherwise plain periodic lines).</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool OutputIsTerminal, bool ErrorIsTerminal);
