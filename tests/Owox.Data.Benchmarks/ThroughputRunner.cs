using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Owox.Data.Benchmarks;

/// <summary>
/// <c>throughput [--rows N]</c>: every <see cref="ReadPath"/> over the same pre-rendered payload served by the emulator
/// (<see cref="BenchmarkServer"/>), each measured in fresh child processes (<see cref="ChildProcess"/>): the HTTP drain
/// limit, the in-memory limit of Owox.Data's own parser, the naive ReadLine + JsonDocument baseline, and Owox.Data
/// through its public API (typed getters on all 13 columns, GetValue, 2 columns, Dapper). Prints rows/s, MB/s, bytes
/// allocated per row, peak working set and GC counts per path, the ratios the performance goals are stated in, and the
/// time to first row against the time to first byte (<see cref="FirstRowLatency"/>).
/// </summary>
internal static class ThroughputRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = RunnerConsole.Rows(args, 2_000_000);
        if (rows.Length != 1)
            throw new ArgumentException("throughput takes one row count (--rows N); the scaling mode takes several.");
        await using var server = await BenchmarkServer.StartAsync(rows[0]);
        var results = await server.MeasureAsync(Enum.GetValues<ReadPath>());
        var (firstByte, firstRow) = await FirstRowLatency.MeasureAsync(server.ApiKey);
        Print(server, results);
        Console.WriteLine($"Time to first row / time to first byte  : {firstRow.TotalMilliseconds:N2} ms / {firstByte.TotalMilliseconds:N2} ms = {firstRow / firstByte:N2}x  (median of {FirstRowLatency.Samples}, warm)");
        return 0;
    }

    private static void Print(BenchmarkServer server, IReadOnlyList<PathResult> results)
    {
        RunnerConsole.PrintHeader($"Owox.Data throughput — {server.Describe()}, 13 columns, loopback HTTP");
        Console.WriteLine(PathResult.Header);
        Console.WriteLine(PathResult.Rule);
        foreach (var result in results)
            Console.WriteLine(result.Row);
        Console.WriteLine($"* holds the pre-rendered block in memory ({server.Bytes / server.Repeat / 1048576.0:N0} MiB, downloaded once from the emulator): its peak includes it.");

        double Rate(ReadPath path) => results.First(r => r.Path == path).RowsPerSecond;
        var typed = Rate(ReadPath.OwoxTyped);
        Console.WriteLine();
        Console.WriteLine($"Owox.Data typed / naive baseline        : {typed / Rate(ReadPath.Naive):N2}x  (goal >= 2.5x)");
        Console.WriteLine($"Owox.Data typed / in-memory parse limit : {typed / Rate(ReadPath.InMemoryParse):N2}x  (goal >= 0.9x)");
        Console.WriteLine($"Owox.Data typed / HTTP drain            : {typed / Rate(ReadPath.HttpDrain):N2}x");
        Console.WriteLine($"Owox.Data 2 columns / 13 columns        : {Rate(ReadPath.OwoxTwoColumns) / typed:N2}x");
    }
}
