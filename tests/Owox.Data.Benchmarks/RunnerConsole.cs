using System;
using System.Globalization;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Owox.Data.Benchmarks;

/// <summary>What the throughput and scaling runners share: the <c>--rows</c> and <c>--rounds</c> arguments and the printed header.</summary>
internal static class RunnerConsole
{
    /// <summary>Rounds over the paths unless <c>--rounds</c> says otherwise; the median run is reported (the machine is shared and noisy).</summary>
    public const int DefaultRounds = 3;

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

    /// <summary>The number after <c>--rounds</c> (at least 1), or <see cref="DefaultRounds"/>.</summary>
    public static int Rounds(string[] args)
    {
        var at = Array.IndexOf(args, "--rounds");
        if (at < 0)
            return DefaultRounds;
        if (at == args.Length - 1 || !int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) || rounds < 1)
            throw new ArgumentException("--rounds needs a whole number of at least 1, e.g. --rounds 5.");
        return rounds;
    }

    /// <summary>The comma-separated payload shapes after <c>--shape</c> (or <c>all</c>), or the demo mart's alone.</summary>
    public static PayloadShape[] Shapes(string[] args)
    {
        var at = Array.IndexOf(args, "--shape");
        if (at < 0)
            return [PayloadShape.Demo];
        var names = at == args.Length - 1 ? [] : args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 1 && string.Equals(names[0], "all", StringComparison.OrdinalIgnoreCase))
            return Enum.GetValues<PayloadShape>();
        if (names.Length == 0)
            throw new ArgumentException($"--shape needs all or one or more of {string.Join(", ", Enum.GetNames<PayloadShape>())}, comma-separated.");
        return names.Select(name => Enum.TryParse<PayloadShape>(name, ignoreCase: true, out var shape) && Enum.IsDefined(shape)
            ? shape
            : throw new ArgumentException($"--shape: unknown payload shape '{name}'; the shapes are {string.Join(", ", Enum.GetNames<PayloadShape>())}.")).Distinct().ToArray();
    }

    /// <summary>The comma-separated read paths after <c>--paths</c> (e.g. <c>--paths InMemoryParse,OwoxTyped</c>), or every path.</summary>
    public static ReadPath[] Paths(string[] args)
    {
        var at = Array.IndexOf(args, "--paths");
        if (at < 0)
            return Enum.GetValues<ReadPath>();
        var names = at == args.Length - 1 ? [] : args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
            throw new ArgumentException($"--paths needs one or more of {string.Join(", ", Enum.GetNames<ReadPath>())}, comma-separated.");
        return names.Select(name => Enum.TryParse<ReadPath>(name, ignoreCase: true, out var path) && Enum.IsDefined(path)
            ? path
            : throw new ArgumentException($"--paths: unknown read path '{name}'; the paths are {string.Join(", ", Enum.GetNames<ReadPath>())}.")).Distinct().ToArray();
    }

    /// <summary>The title, then the machine, runtime and date.</summary>
    public static void PrintMachine(string title)
    {
        Console.WriteLine(title);
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC{(GCSettings.LatencyMode == GCLatencyMode.Batch ? " (non-concurrent)" : "")}, {DateTime.UtcNow:yyyy-MM-dd}");
    }

    /// <summary>The title, then the machine, runtime and date, then how every figure was measured.</summary>
    public static void PrintHeader(string title, int rounds)
    {
        PrintMachine(title);
        Console.WriteLine($"Each path: {rounds} fresh child processes ({rounds} rounds over the paths) reading over loopback HTTP from the emulator in");
        Console.WriteLine($"this process; each child reads the whole stream to warm up (again until it has read {Measurement.WarmUpRows:N0} rows or warmed up for {Measurement.WarmUpTime.TotalSeconds:N0} s), then once measured.");
        Console.WriteLine("rows/s, MB/s, GCs and CPU ns/row (CPU time of all the child's threads during the measured pass / rows; the emulator's is");
        Console.WriteLine("not included): the median run; alloc B/row (managed bytes allocated by the measured pass / rows) and peak WS (the child's");
        Console.WriteLine("peak resident set over its whole life, VmHWM on Linux): the highest run.");
        Console.WriteLine();
    }
}
