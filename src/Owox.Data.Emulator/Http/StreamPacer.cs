using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Http;

/// <summary>
/// Holds one stream response to <see cref="OwoxEmulatorOptions.StreamRowsPerSecond"/> and
/// <see cref="OwoxEmulatorOptions.StreamBytesPerSecond"/>: the rows and bytes written so far are compared with the time
/// elapsed on a <see cref="Stopwatch"/>, and the stream sleeps only once it is more than <see cref="SlackSeconds"/> ahead,
/// so that pacing costs a clock read per row and about a hundred wake-ups per second at most (each wake-up of the thread
/// pool costs far more than the clock reads). One pacer per response: parallel streams are bounded independently.
/// </summary>
internal sealed class StreamPacer
{
    /// <summary>How far ahead of its schedule a stream may run before it sleeps (so a stream ends at most this much early).</summary>
    private const double SlackSeconds = 0.010;

    /// <summary>How far behind its schedule a stream may fall and still catch up; time lost beyond it is forgiven, not burst.</summary>
    private const double MaxLagSeconds = 0.1;

    /// <summary>The longest single sleep (<see cref="Task.Delay(TimeSpan, CancellationToken)"/> takes at most ~49 days).</summary>
    private const double MaxSleepSeconds = 86_400;

    private readonly double _rowsPerSecond;
    private readonly double _bytesPerSecond;
    private long _start = Stopwatch.GetTimestamp();

    private StreamPacer(double rowsPerSecond, double bytesPerSecond)
    {
        _rowsPerSecond = rowsPerSecond;
        _bytesPerSecond = bytesPerSecond;
    }

    /// <summary>A pacer whose schedule starts now, or <see langword="null"/> when the options bound nothing.</summary>
    public static StreamPacer? Start(OwoxEmulatorOptions options) =>
        options.StreamRowsPerSecond is null && options.StreamBytesPerSecond is null
            ? null
            : new StreamPacer(options.StreamRowsPerSecond ?? double.PositiveInfinity, options.StreamBytesPerSecond ?? double.PositiveInfinity);

    /// <summary>
    /// Waits until <paramref name="rows"/> rows and <paramref name="bytes"/> bytes are due on the schedule; true when it
    /// slept (so what was written may go out now).
    /// </summary>
    public ValueTask<bool> WaitAsync(long rows, long bytes, CancellationToken cancellationToken)
    {
        var due = Math.Max(rows / _rowsPerSecond, bytes / _bytesPerSecond);
        var ahead = due - Stopwatch.GetElapsedTime(_start).TotalSeconds;
        if (ahead < -MaxLagSeconds)
        {
            _start += (long)((-ahead - MaxLagSeconds) * Stopwatch.Frequency);
            return ValueTask.FromResult(false);
        }

        return ahead > SlackSeconds ? SleepAsync(ahead, cancellationToken) : ValueTask.FromResult(false);
    }

    private static async ValueTask<bool> SleepAsync(double seconds, CancellationToken cancellationToken)
    {
        for (; seconds > 0; seconds -= MaxSleepSeconds)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(seconds, MaxSleepSeconds)), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }
}
