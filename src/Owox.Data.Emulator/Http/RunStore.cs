using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Owox.Data.Emulator.Http;

/// <summary>
/// The <c>HTTP_DATA</c> runs of the stream requests (wire-protocol §3.12), by id: the newest <see cref="Capacity"/>,
/// so that an emulator serving streams for hours holds a bounded history (the server keeps all of it in its database).
/// </summary>
internal sealed class RunStore(EmulatorClock clock)
{
    /// <summary>How many runs are kept; the oldest go first.</summary>
    public const int Capacity = 1_000;

    private readonly ConcurrentDictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();
    private int _count;

    /// <summary>A mart's runs, newest first.</summary>
    public IEnumerable<RunRecord> RunsOf(string martId) => _runs.Values.Where(r => r.DataMartId == martId).OrderByDescending(r => r.CreatedAt);

    public RunRecord? Find(string runId) => _runs.TryGetValue(runId, out var run) ? run : null;

    public void Add(RunRecord run)
    {
        if (!_runs.TryAdd(run.Id, run))
        {
            return;
        }

        _order.Enqueue(run.Id);
        if (Interlocked.Increment(ref _count) <= Capacity || !_order.TryDequeue(out var oldest))
        {
            return;
        }

        if (_runs.TryRemove(oldest, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Ends a run once (later calls change nothing) with its status, end time and error, and stores it.</summary>
    public void Finish(RunRecord run, string status, string? error)
    {
        lock (run)
        {
            if (run.FinishedAt is not null)
            {
                return;
            }

            run.Status = status;
            run.Completed = status == "SUCCESS";
            run.FinishedAt = clock.Now;
            if (error is not null)
            {
                run.Errors.Add(error);
            }
        }

        Add(run);
    }
}
