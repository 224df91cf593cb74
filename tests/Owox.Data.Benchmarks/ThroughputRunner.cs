using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace Owox.Data.Benchmarks;

/// <summary>
/// <c>throughput [--shape S|all] [--rows N] [--rounds N] [--paths P,P,...]</c>: every <see cref="ReadPath"/> (or those
/// named) over the same pre-rendered payload of each <see cref="PayloadShape"/> (default: the demo mart) served by the
/// emulator (<see cref="BenchmarkServer"/>), each measured in fresh child processes (<see cref="ChildProcess"/>): the HTTP
/// drain limit, the in-memory limits of Owox.Data's own parser and of a plain <c>Utf8JsonReader</c> parser, the naive
/// ReadLine + JsonDocument baseline, and Owox.Data through its public API (typed getters and GetValue on every column,
/// 2 numeric columns, and on the demo mart Dapper). Checks that every path read the same values. Prints rows/s, MB/s,
/// bytes allocated per row, peak working set and GC counts per path, the ratios the performance goals are stated in
/// (of the median runs, and within each round), and for the demo mart the time to first row against the time to first
/// byte (<see cref="FirstRowLatency"/>).
/// </summary>
internal static class ThroughputRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var shapes = RunnerConsole.Shapes(args);
        var rounds = RunnerConsole.Rounds(args);
        foreach (var shape in shapes)
        {
            var rows = RunnerConsole.Rows(args, DefaultRows(shape));
            if (rows.Length != 1)
                throw new ArgumentException("throughput takes one row count (--rows N); the scaling mode takes several.");
            var paths = RunnerConsole.Paths(args).Where(p => shape == PayloadShape.Demo || p != ReadPath.Dapper).ToList();
            await using var server = await BenchmarkServer.StartAsync(shape, rows[0]);
            var results = await server.MeasureAsync(paths, rounds);
            Print(server, results, rounds);
            if (shape == PayloadShape.Demo)
            {
                var (firstByte, firstRow) = await FirstRowLatency.MeasureAsync(server.ApiKey);
                Console.WriteLine($"Time to first row / time to first byte  : {firstRow.TotalMilliseconds:N2} ms / {firstByte.TotalMilliseconds:N2} ms = {firstRow / firstByte:N2}x  (median of {FirstRowLatency.Samples}, warm)");
            }
            Console.WriteLine();
        }
        return 0;
    }

    /// <summary>Rows per shape unless <c>--rows</c> says otherwise: about the same seconds of reading each.</summary>
    private static long DefaultRows(PayloadShape shape) => shape switch
    {
        PayloadShape.Demo => 2_000_000,
        PayloadShape.Wide => 250_000,
        PayloadShape.LongText => 20_000,
        _ => 1_000_000,
    };

    private static void Print(BenchmarkServer server, IReadOnlyList<PathResult> results, int rounds)
    {
        RunnerConsole.PrintHeader($"Owox.Data throughput — {server.Describe()}, loopback HTTP", rounds);
        Console.WriteLine(PathResult.Header);
        Console.WriteLine(PathResult.Rule);
        foreach (var result in results)
            Console.WriteLine(result.Row);
        if (results.Any(r => r.Path is ReadPath.InMemoryParse or ReadPath.ReaderInMemory))
            Console.WriteLine($"* holds the pre-rendered block in memory ({server.Bytes / server.Repeat / 1048576.0:N0} MiB, downloaded once from the emulator): its peak includes it.");
        Console.WriteLine();
        Ratio(results, "Owox.Data typed / naive baseline        ", ReadPath.OwoxTyped, ReadPath.Naive, "  (goal >= 2.5x)");
        Ratio(results, "Owox.Data GetValue / naive baseline     ", ReadPath.OwoxGetValue, ReadPath.Naive, "  (goal >= 2.5x)");
        Ratio(results, "Owox.Data typed / Utf8JsonReader limit  ", ReadPath.OwoxTyped, ReadPath.ReaderInMemory, "  (goal >= 1.0x)");
        Ratio(results, "Owox.Data GetValue / Utf8JsonReader lim.", ReadPath.OwoxGetValue, ReadPath.ReaderInMemory, "  (goal >= 1.0x)");
        Ratio(results, "Owox.Data typed / Owox in-memory parse  ", ReadPath.OwoxTyped, ReadPath.InMemoryParse, "");
        Ratio(results, "Owox.Data typed / HTTP drain            ", ReadPath.OwoxTyped, ReadPath.HttpDrain, "");
        Ratio(results, "Owox.Data 2 columns / HTTP drain        ", ReadPath.OwoxTwoColumns, ReadPath.HttpDrain, "  (goal >= 0.5x)");
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
