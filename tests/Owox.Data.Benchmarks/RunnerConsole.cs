using System;
using System.Globalization;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Owox.Data.Benchmarks;

/// <summary>What the throughput and scaling runners share: the <c>--rows</c> argument and the printed header.</summary>
internal static class RunnerConsole
{
    /// <summary>The comma-separated row counts after <c>--rows</c> (e.g. <c>--rows 100000,1000000</c>), or <paramref name="defaults"/>.</summary>
    public static long[] Rows(string[] args, params long[] defaults)
    {
        var at = Array.IndexOf(args, "--rows");
        if (at < 0)
            return defaults;
        if (at == args.Length - 1)
            throw new ArgumentException("--rows needs a value, e.g. --rows 1000000 or --rows 100000,1000000.");
        return args[at + 1].Split(',').Select(r => long.Parse(r, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The title, then the machine, runtime and date, then how every figure was measured.</summary>
    public static void PrintHeader(string title)
    {
        Console.WriteLine(title);
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC{(GCSettings.LatencyMode == GCLatencyMode.Batch ? " (non-concurrent)" : "")}, {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine($"Each path: {BenchmarkServer.Repetitions} fresh child processes ({BenchmarkServer.Repetitions} rounds over the paths) reading over loopback HTTP from the emulator in");
        Console.WriteLine($"this process; each child reads the whole stream to warm up (again until it has read {Measurement.WarmUpRows:N0} rows), then once measured.");
        Console.WriteLine("rows/s, MB/s and GCs: the median run; alloc B/row (managed bytes allocated by the measured pass / rows) and peak WS (the");
        Console.WriteLine("child's peak resident set over its whole life, VmHWM on Linux): the highest run.");
        Console.WriteLine();
    }
}
