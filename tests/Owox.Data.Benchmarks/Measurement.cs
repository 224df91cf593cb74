using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

namespace Owox.Data.Benchmarks;

/// <summary>
/// What one child process measured — the JSON line it prints on stdout: rows read by the measured pass, its wall time,
/// the CPU time the whole child used meanwhile (every thread: parsing, socket reads, read-ahead, GC), the managed bytes it allocated (<see cref="GC.GetTotalAllocatedBytes(bool)"/> delta, precise), the child's peak
/// working set over its whole life (runtime start-up, warm-up passes and measured pass) and the garbage collections
/// during the measured pass (<see cref="GC.CollectionCount"/> deltas; a gen-2 collection also counts as gen 1 and gen 0),
/// and the checksum of the values the measured pass read (the same for every path that reads the same values).
/// </summary>
internal sealed record Measurement(long Rows, double ElapsedSeconds, double CpuSeconds, long AllocatedBytes, long PeakWorkingSetBytes, int Gen0Collections, int Gen1Collections, int Gen2Collections, long Checksum)
{
    /// <summary>
    /// Warm-up passes read at least this many rows in all (whole passes, at least one), so that the JIT has tiered up
    /// the measured code even for small results; one 100,000-row pass lasts a fraction of a second. After 1,000,000
    /// rows the JIT was still at work: a 1,000,000-row Sparse pass over HTTP then cost 1,080-1,190 CPU ns/row, against
    /// 820-950 after 3,000,000, while the synchronous in-memory paths did not move.
    /// </summary>
    public const long WarmUpRows = 3_000_000;

    /// <summary>
    /// Warm-up also ends after this long (at the end of a pass): rows of 15 KB (LongText) are read at about 20,000 a
    /// second, and by then their code has long tiered up, each row running the scanning loops thousands of times.
    /// </summary>
    public static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(10);

    public double RowsPerSecond => Rows / ElapsedSeconds;

    public double CpuNanosecondsPerRow => CpuSeconds * 1e9 / Math.Max(1, Rows);

    public double AllocatedPerRow => (double)AllocatedBytes / Math.Max(1, Rows);

    /// <summary>
    /// Runs <paramref name="pass"/> (which returns the rows it read) to warm up, then once measured after a full GC;
    /// <paramref name="checksum"/> reads the running checksum of the values read (a sum, so the measured pass's is a difference).
    /// </summary>
    public static async Task<Measurement> MeasureAsync(Func<Task<long>> pass, Func<long> checksum)
    {
        long warmed = 0;
        var warming = Stopwatch.StartNew();
        do
        {
            var read = await pass();
            if (read == 0)
                break;
            warmed += read;
        }
        while (warmed < WarmUpRows && warming.Elapsed < WarmUpTime);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var checksumBefore = checksum();
        var watch = Stopwatch.StartNew();
        var rows = await pass();
        watch.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Measurement(rows, watch.Elapsed.TotalSeconds, cpu.TotalSeconds, allocated, PeakWorkingSet(),
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, checksum() - checksumBefore);
    }

    /// <summary>
    /// The process's peak resident set: on Linux the kernel's exact high-water mark (<c>VmHWM</c> in
    /// <c>/proc/self/status</c>), elsewhere <see cref="Process.PeakWorkingSet64"/>.
    /// </summary>
    public static long PeakWorkingSet()
    {
        if (OperatingSystem.IsLinux())
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return 1024 * long.Parse(line.AsSpan("VmHWM:".Length).Trim().TrimEnd("kB").TrimEnd(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
            throw new InvalidOperationException("/proc/self/status has no VmHWM line.");
        }
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
