using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Benchmarks;

/// <summary>One measured read path: rows, bytes, elapsed time, managed bytes allocated and the peak working set while it ran.</summary>
internal sealed record Measurement(string Name, long Rows, long Bytes, TimeSpan Elapsed, long Allocated, long PeakWorkingSet)
{
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / 1_000_000;

    public double AllocatedPerRow => (double)Allocated / Math.Max(1, Rows);

    /// <summary>Runs <paramref name="body"/> (which returns rows read) after a full GC, sampling the working set every 10 ms.</summary>
    public static async Task<Measurement> RunAsync(string name, long bytes, Func<Task<long>> body)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        long peak = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(10).ConfigureAwait(false);
            }
        });
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var rows = await body().ConfigureAwait(false);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        stop.Cancel();
        await sampler.ConfigureAwait(false);
        return new Measurement(name, rows, bytes, watch.Elapsed, allocated, peak);
    }
}
