using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Owox.Data.Benchmarks;

/// <summary>
/// <c>throughput [--rows N] [--rounds N] [--paths P,P,...]</c>: every <see cref="ReadPath"/> (or those named) over the
/// same pre-rendered payload served by the emulator (<see cref="BenchmarkServer"/>), each measured in fresh child
/// processes (<see cref="ChildProcess"/>): the HTTP drain limit, the in-memory limit of Owox.Data's own parser, the
/// naive ReadLine + JsonDocument baseline, and Owox.Data through its public API (typed getters on all 13 columns,
/// GetValue, 2 columns, Dapper). Prints rows/s, MB/s, bytes allocated per row, peak working set and GC counts per path,
/// the ratios the performance goals are stated in (of the median runs, and within each round), and the time to first
/// row against the time to first byte (<see cref="FirstRowLatency"/>).
/// </summary>
internal static class ThroughputRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = RunnerConsole.Rows(args, 2_000_000);
        if (rows.Length != 1)
            throw new ArgumentException("throughput takes one row count (--rows N); the scaling mode takes several.");
        var rounds = RunnerConsole.Rounds(args);
        var paths = RunnerConsole.Paths(args);
        await using var server = await BenchmarkServer.StartAsync(rows[0]);
        var results = await server.MeasureAsync(paths, rounds);
        var (firstByte, firstRow) = await FirstRowLatency.MeasureAsync(server.ApiKey);
        Print(server, results, rounds);
        Console.WriteLine($"Time to first row / time to first byte  : {firstRow.TotalMilliseconds:N2} ms / {firstByte.TotalMilliseconds:N2} ms = {firstRow / firstByte:N2}x  (median of {FirstRowLatency.Samples}, warm)");
        return 0;
    }

    private static void Print(BenchmarkServer server, IReadOnlyList<PathResult> results, int rounds)
    {
        RunnerConsole.PrintHeader($"Owox.Data throughput — {server.Describe()}, 13 columns, loopback HTTP", rounds);
        Console.WriteLine(PathResult.Header);
        Console.WriteLine(PathResult.Rule);
        foreach (var result in results)
            Console.WriteLine(result.Row);
        if (results.Any(r => r.Path == ReadPath.InMemoryParse))
            Console.WriteLine($"* holds the pre-rendered block in memory ({server.Bytes / server.Repeat / 1048576.0:N0} MiB, downloaded once from the emulator): its peak includes it.");
        Console.WriteLine();
        Ratio(results, "Owox.Data typed / naive baseline        ", ReadPath.OwoxTyped, ReadPath.Naive, "  (goal >= 2.5x)");
        Ratio(results, "Owox.Data typed / in-memory parse limit ", ReadPath.OwoxTyped, ReadPath.InMemoryParse, "  (goal >= 0.9x)");
        Ratio(results, "Owox.Data typed / HTTP drain            ", ReadPath.OwoxTyped, ReadPath.HttpDrain, "");
        Ratio(results, "Owox.Data 2 columns / 13 columns        ", ReadPath.OwoxTwoColumns, ReadPath.OwoxTyped, "");
    }

    /// <summary>
    /// Prints <paramref name="path"/>'s median rows/s over <paramref name="baseline"/>'s, then the same ratio within
    /// each round (the two runs closest in time), when both paths were measured.
    /// </summary>
    private static void Ratio(IReadOnlyList<PathResult> results, string label, ReadPath path, ReadPath baseline, string goal)
    {
        if (results.FirstOrDefault(r => r.Path == path) is not { } measured || results.FirstOrDefault(r => r.Path == baseline) is not { } against)
            return;
        var perRound = measured.Runs.Zip(against.Runs, (run, other) => (run.RowsPerSecond / other.RowsPerSecond).ToString("N2", CultureInfo.InvariantCulture));
        Console.WriteLine($"{label}: {measured.RowsPerSecond / against.RowsPerSecond:N2}x{goal}; per round {string.Join(", ", perRound)}");
    }
}
