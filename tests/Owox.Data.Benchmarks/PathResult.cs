using System;
using System.Collections.Generic;
using System.Linq;

namespace Owox.Data.Benchmarks;

/// <summary>
/// One read path's <see cref="ChildProcess"/> runs over <paramref name="Bytes"/> of payload. Throughput and CPU time per
/// row are the median run's; allocation per row and peak working set are the highest of the runs (a memory goal must hold in every run);
/// GC counts are the median run's.
/// </summary>
internal sealed record PathResult(ReadPath Path, long Bytes, IReadOnlyList<Measurement> Runs)
{
    public Measurement Median { get; } = Runs.OrderBy(r => r.RowsPerSecond).ElementAt(Runs.Count / 2);

    public double RowsPerSecond => Median.RowsPerSecond;

    public double MegabytesPerSecond => Bytes / Median.ElapsedSeconds / 1_000_000;

    public double CpuNanosecondsPerRow => Median.CpuNanosecondsPerRow;

    public double AllocatedPerRow => Runs.Max(r => r.AllocatedPerRow);

    public double PeakWorkingSetMebibytes => Runs.Max(r => r.PeakWorkingSetBytes) / 1048576.0;

    public string Collections => $"{Median.Gen0Collections}/{Median.Gen1Collections}/{Median.Gen2Collections}";

    public string Name => Path.Describe();

    public static string Header => $"| {"read path",-40} | {"rows/s",12} | {"MB/s",8} | {"CPU ns/row",10} | {"alloc B/row",11} | {"peak WS MiB",11} | {"GCs 0/1/2",11} |";

    public static string Rule => $"|{new string('-', 42)}|{new string('-', 14)}|{new string('-', 10)}|{new string('-', 12)}|{new string('-', 13)}|{new string('-', 13)}|{new string('-', 13)}|";

    public string Row => $"| {Name,-40} | {RowsPerSecond,12:N0} | {MegabytesPerSecond,8:N1} | {CpuNanosecondsPerRow,10:N0} | {AllocatedPerRow,11:N1} | {PeakWorkingSetMebibytes,11:N0} | {Collections,11} |";
}
