using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace Owox.Data.Emulator.Http;

/// <summary>The <c>HTTP_DATA</c> runs of every stream request (wire-protocol §3.12), by id.</summary>
internal sealed class RunStore(EmulatorClock clock)
{
    private readonly ConcurrentDictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);

    /// <summary>A mart's runs, newest first.</summary>
    public IEnumerable<RunRecord> RunsOf(string martId) => _runs.Values.Where(r => r.DataMartId == martId).OrderByDescending(r => r.CreatedAt);

    public RunRecord? Find(string runId) => _runs.TryGetValue(runId, out var run) ? run : null;

    public void Add(RunRecord run) => _runs[run.Id] = run;

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
