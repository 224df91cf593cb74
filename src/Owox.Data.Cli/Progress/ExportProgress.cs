using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using Spectre.Console;

namespace Owox.Data.Cli.Progress;

/// <summary>
/// Progress of a query whose rows do not go to the terminal: rows, rows/s, elapsed time and the run id, on stderr and
/// never on stdout. On a terminal it is one live line (<see cref="LiveProgress"/>), otherwise a plain line at most
/// once a second (<see cref="PlainProgress"/>).
/// </summary>
internal abstract class ExportProgress(Stopwatch elapsed, TimeSpan interval)
{
    private readonly TimeSpan _interval = interval;
    private TimeSpan _next = interval;

    /// <summary>The run id of the stream, once the server has answered.</summary>
    public string? RunId { get; set; }

    /// <summary>Called after each row with the number written so far; shows the progress when the interval has passed since it last did.</summary>
    public void Row(long rows)
    {
        var now = elapsed.Elapsed;
        if (now < _next)
            return;
        _next = now + _interval;
        Show(Line(rows, now));
    }

    /// <summary>Shows one progress text.</summary>
    protected abstract void Show(string line);

    /// <summary>Whole rows per second over <paramref name="time"/>.</summary>
    public static long RowsPerSecond(long rows, TimeSpan time) => (long)(rows / Math.Max(time.TotalSeconds, 0.001));

    /// <summary>
    /// Runs <paramref name="work"/> with a progress display when <paramref name="wanted"/> (the rows go to a file or a
    /// redirected stdout), or with none.
    /// </summary>
    public static async Task<T> ShowAsync<T>(CliConsole console, bool wanted, Stopwatch elapsed, Func<ExportProgress?, Task<T>> work)
    {
        if (!wanted)
            return await work(null);
        if (!console.ErrorIsTerminal)
            return await work(new PlainProgress(console.Error, elapsed));
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Error) });
        return await terminal.Live(new Text(string.Empty)).AutoClear(true)
            .StartAsync(context => work(new LiveProgress(context, elapsed)));
    }

    /// <summary>The progress text: <c>N rows, R rows/s, hh:mm:ss elapsed</c>, and the run id once known.</summary>
    private string Line(long rows, TimeSpan now) => string.Create(CultureInfo.InvariantCulture,
        $"{rows} rows, {RowsPerSecond(rows, now)} rows/s, {now:hh\\:mm\\:ss} elapsed{(RunId is null ? string.Empty : $", run id {RunId}")}");
}
