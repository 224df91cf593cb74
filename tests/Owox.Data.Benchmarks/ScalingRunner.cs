using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Owox.Data.Benchmarks;

/// <summary>
/// <c>scaling [--shape S] [--rows 100000,1000000,5000000,20000000] [--rounds N]</c>: Owox.Data's typed getters (every column) and 2 numeric columns
/// at each size, each in fresh child processes (<see cref="ChildProcess"/>) against an emulator serving that size, so
/// the table shows whether allocation per row and peak working set stay flat as the result grows.
/// </summary>
internal static class ScalingRunner
{
    private static readonly ReadPath[] Paths = [ReadPath.OwoxTyped, ReadPath.OwoxTwoColumns];

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = RunnerConsole.Rows(args, 100_000, 1_000_000, 5_000_000, 20_000_000);
        var rounds = RunnerConsole.Rounds(args);
        var shapes = RunnerConsole.Shapes(args);
        if (shapes.Length != 1)
            throw new ArgumentException("scaling takes one payload shape (--shape S).");
        var shape = shapes[0];
        var payloads = new List<string>();
        var results = new List<PathResult>();
        foreach (var rows in sizes)
        {
            await using var server = await BenchmarkServer.StartAsync(shape, rows);
            payloads.Add(server.Describe());
            results.AddRange(await server.MeasureAsync(Paths, rounds));
        }
        Print(payloads, results, rounds);
        return 0;
    }

    private static void Print(List<string> payloads, List<PathResult> results, int rounds)
    {
        RunnerConsole.PrintHeader("Owox.Data scaling — peak memory and allocation as the result grows, loopback HTTP", rounds);
        foreach (var payload in payloads)
            Console.WriteLine($"  {payload}");
        Console.WriteLine();
        Console.WriteLine($"| {"rows",12} {PathResult.Header}");
        Console.WriteLine($"|{new string('-', 14)}{PathResult.Rule}");
        foreach (var result in results)
            Console.WriteLine($"| {result.Median.Rows,12:N0} {result.Row}");

        if (payloads.Count < 2)
            return;
        Console.WriteLine();
        foreach (var path in Paths)
        {
            var runs = results.Where(r => r.Path == path).ToList();
            var (smallest, largest) = (runs.MinBy(r => r.Median.Rows)!, runs.MaxBy(r => r.Median.Rows)!);
            Console.WriteLine($"{path.Describe(),-40}: peak WS {smallest.PeakWorkingSetMebibytes:N0} MiB at {smallest.Median.Rows:N0} rows, "
                + $"{largest.PeakWorkingSetMebibytes:N0} MiB at {largest.Median.Rows:N0} rows ({largest.PeakWorkingSetMebibytes / smallest.PeakWorkingSetMebibytes:N2}x); "
                + $"alloc {runs.Min(r => r.AllocatedPerRow):N1}–{runs.Max(r => r.AllocatedPerRow):N1} B/row");
        }
    }
}
