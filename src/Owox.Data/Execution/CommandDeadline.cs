using System;
using System.Threading;

namespace Owox.Data.Execution;

/// <summary>
/// The stop switch of one execution: <see cref="OwoxCommand.CommandTimeout"/> armed per wait on the server (the wait
/// for the response headers, then each wait for more rows), <c>Cancel()</c>, the token given to
/// <c>ExecuteReaderAsync</c>, and closing. Whatever stops first is the <see cref="Reason"/>; stopping is thread-safe,
/// happens once, cancels <see cref="Token"/> and runs the abort registered with <see cref="OnStop"/> (the result
/// stream's, which tells the server to stop). It never disposes anything a reading thread may still be using.
/// </summary>
internal sealed class CommandDeadline : IDisposable
{
    private readonly CancellationTokenSource _stopped = new();
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenRegistration _executeRegistration;
    private readonly object _gate = new();
    private Action? _onStop;
    private int _reason;
    private bool _disposed;

    public CommandDeadline(int timeoutSeconds, CancellationToken executeToken)
    {
        Token = _stopped.Token;
        TimeoutSeconds = timeoutSeconds;
        ExecuteToken = executeToken;
        if (timeoutSeconds > 0)
        {
            _timer = new CancellationTokenSource();
            _timer.Token.Register(static state => ((CommandDeadline)state!).Stop(StopReason.Timeout), this);
        }
        if (executeToken.CanBeCanceled)
            _executeRegistration = executeToken.Register(static state => ((CommandDeadline)state!).Stop(StopReason.Cancelled), this);
    }

    /// <summary>Seconds one wait may take; 0 = no limit.</summary>
    public int TimeoutSeconds { get; }

    /// <summary>The token given to <c>ExecuteReaderAsync</c>; it cancels the whole execution, reading included.</summary>
    public CancellationToken ExecuteToken { get; }

    /// <summary>Why the execution stopped; <see cref="StopReason.None"/> while it runs.</summary>
    public StopReason Reason => (StopReason)Volatile.Read(ref _reason);

    /// <summary>True once anything stopped the execution.</summary>
    public bool IsStopped => Volatile.Read(ref _reason) != (int)StopReason.None;

    /// <summary>Cancelled when the execution stops: the token of the waits that need one (metadata, the request).</summary>
    public CancellationToken Token { get; }

    /// <summary>Registers the abort to run on the first stop (at once, if it already happened). It must be idempotent and thread-safe.</summary>
    public void OnStop(Action abort)
    {
        Volatile.Write(ref _onStop, abort);
        if (IsStopped)
            abort();
    }

    /// <summary>Stops the execution for <paramref name="reason"/>, unless it already stopped. Safe from any thread, at any moment.</summary>
    public void Stop(StopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, (int)StopReason.None) != (int)StopReason.None)
            return;
        try
        {
            _stopped.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The execution is over; nothing waits on the token any more.
        }
        Volatile.Read(ref _onStop)?.Invoke();
    }

    /// <summary>Arms the timeout for one wait on the server.</summary>
    public void BeginWait()
    {
        if (_timer is null)
            return;
        lock (_gate)
        {
            if (!_disposed)
                _timer.CancelAfter(TimeSpan.FromSeconds(TimeoutSeconds));
        }
    }

    /// <summary>Disarms the timeout after a wait that ended in time.</summary>
    public void EndWait()
    {
        if (_timer is null)
            return;
        lock (_gate)
        {
            if (!_disposed && !_timer.IsCancellationRequested)
                _timer.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>
    /// The exception a stop surfaces as: <see cref="OwoxException"/> <c>TIMEOUT</c> for a timeout,
    /// <see cref="OperationCanceledException"/> (with the token that cancelled) for a cancellation,
    /// <see cref="InvalidOperationException"/> for a reader closed under a read.
    /// </summary>
    public Exception StopException(Exception? cause, string activity, string dataMartId, long rows, string? runId, CancellationToken callerToken = default)
    {
        var run = runId is null ? string.Empty : ", run id " + runId;
        return Reason switch
        {
            StopReason.Timeout => new OwoxException(
                $"The command on data mart '{dataMartId}' timed out after {TimeoutSeconds} s {activity} ({rows} rows read{run}). " +
                "Raise CommandTimeout (or the 'Command Timeout' keyword; 0 = no limit) for slow warehouses.",
                cause, null, OwoxErrorCodes.Timeout, null, isTransient: rows == 0)
            { DataMartId = dataMartId, RunId = runId, RowsRead = rows },
            StopReason.Closed => new InvalidOperationException(
                $"The reader of data mart '{dataMartId}' was closed (by Close or Dispose of the reader or its connection) {activity}, after {rows} rows{run}.",
                cause),
            _ => new OperationCanceledException(
                $"The command on data mart '{dataMartId}' was cancelled {activity} ({rows} rows read{run}).",
                cause,
                callerToken.IsCancellationRequested ? callerToken : ExecuteToken.IsCancellationRequested ? ExecuteToken : Token),
        };
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _executeRegistration.Dispose();
        _timer?.Dispose();
        _stopped.Dispose();
    }
}
