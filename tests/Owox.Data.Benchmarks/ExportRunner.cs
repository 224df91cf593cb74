using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Cli;
using Owox.Data.Emulator;

namespace Owox.Data.Benchmarks;

/// <summary>
/// <c>export [--rows N] [--rate R] [--parallel 1,2,4,8] [--memory-rows N,N] [--rounds N]</c>: what partitioned exports
/// buy. First, on a server-bound mart (the emulator holds every stream to <c>--rate</c> rows/s, as a warehouse bounds
/// each stream), the demo mart's monthly partitions read by <see cref="OwoxPartitionRunner"/> at each degree of
/// parallelism, as a ratio to one stream. Then <c>owox-data export</c> itself, unbounded, writing Parquet, CSV and
/// NDJSON (rows/s, file bytes, peak resident set), each run in a child process, and Parquet at each <c>--memory-rows</c>
/// size to show whether memory stays flat as the result grows. The emulator runs in this process.
/// </summary>
internal static class ExportRunner
{
    /// <summary>The internal subcommand of a child that runs one export (<see cref="RunChildAsync"/>).</summary>
    public const string ChildCommand = "export-child";

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = (int)RunnerConsole.Rows(args, 240_000)[0];
        var rate = Number(args, "--rate", 20_000);
        var degrees = List(args, "--parallel", 1, 2, 4, 8);
        var memoryRows = List(args, "--memory-rows", 1_000_000, 4_000_000, 8_000_000);
        var rounds = RunnerConsole.Rounds(args);

        RunnerConsole.PrintMachine("Owox.Data partitioned export — parallel partitions on a server-bound mart, then owox-data export's writers");
        await ServerBoundAsync(rows, rate, degrees, rounds);
        await WritersAsync(rows, memoryRows, rounds);
        return 0;
    }

    private static async Task ServerBoundAsync(int rows, int rate, int[] degrees, int rounds)
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = rows, StreamRowsPerSecond = rate });
        await using var dataSource = new OwoxDataSourceBuilder(emulator.ApiKey).Build();
        OwoxPartitionPlan plan;
        await using (var connection = await dataSource.OpenConnectionAsync())
            plan = await OwoxPartitionPlan.CreateAsync(connection, DemoMarts.AdPerformance, "date", OwoxPartitionGranularity.Month);
        Console.WriteLine($"Server-bound: the demo mart, {rows:N0} rows in {plan.Partitions.Count} monthly partitions, each stream held to {rate:N0} rows/s by the emulator;");
        Console.WriteLine($"every partition read to the end (GetValue on every column); {rounds} rounds, median and spread (min–max) of rows/s.");
        Console.WriteLine();
        Console.WriteLine("| partitions at a time | rows/s (median) | spread | vs 1 stream |");
        Console.WriteLine("|---:|---:|---:|---:|");
        double? single = null;
        foreach (var degree in degrees)
        {
            var rates = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var watch = Stopwatch.StartNew();
                var results = await OwoxPartitionRunner.RunAsync(dataSource, plan.Partitions, degree, static async (_, reader, token) =>
                {
                    var values = new object[reader.FieldCount];
                    while (await reader.ReadAsync(token))
                        reader.GetValues(values);
                });
                var elapsed = watch.Elapsed;
                if (results.FirstOrDefault(r => !r.Succeeded) is { } failed)
                    throw new InvalidOperationException($"Partition {failed.Partition} failed: {failed.Error}");
                var read = results.Sum(r => r.RowsRead);
                if (read != rows)
                    throw new InvalidOperationException($"The partitions read {read:N0} rows, not {rows:N0}.");
                rates.Add(read / elapsed.TotalSeconds);
            }
            var median = Median(rates);
            single ??= median;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {degree} | {median:N0} | {rates.Min():N0}–{rates.Max():N0} | {median / single.Value:N2}× |"));
        }
        Console.WriteLine();
    }

    private static async Task WritersAsync(int rows, int[] memoryRows, int rounds)
    {
        Console.WriteLine($"Writers: owox-data export --partition-by date:month --parallel 1 of the demo mart, unbounded, each run in a fresh child process");
        Console.WriteLine($"(the emulator stays in this one); {rounds} rounds, median rows/s and its spread; peak WS is the child's peak resident set (VmHWM).");
        Console.WriteLine();
        Console.WriteLine("| format | rows | rows/s (median) | spread | bytes/row | peak WS MiB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var format in new[] { "parquet", "csv", "ndjson" })
            await WriteAsync(format, rows, rounds);
        foreach (var size in memoryRows)
            await WriteAsync("parquet", size, 1);
        Console.WriteLine();
    }

    private static async Task WriteAsync(string format, int rows, int rounds)
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = rows });
        var runs = new List<ExportMeasurement>();
        for (var round = 0; round < rounds; round++)
            runs.Add(await ChildProcess.RunAsync<ExportRequest, ExportMeasurement>(ChildCommand, new ExportRequest(emulator.ApiKey, format), "export " + format));
        var rates = runs.Select(r => rows / r.ElapsedSeconds).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {format} | {rows:N0} | {Median(rates):N0} | {rates.Min():N0}–{rates.Max():N0} | {runs[0].Bytes / (double)rows:N1} | {runs.Max(r => r.PeakWorkingSetBytes) / 1048576.0:N0} |"));
    }

    /// <summary>The child's side of <see cref="WriteAsync"/>: one owox-data export into a temporary folder, timed, then removed.</summary>
    public static async Task<int> RunChildAsync()
    {
        var request = JsonSerializer.Deserialize<ExportRequest>(await Console.In.ReadLineAsync() ?? "null", ChildProcess.Json)
            ?? throw new InvalidOperationException("Expected an export request on stdin.");
        var folder = Path.Combine(Path.GetTempPath(), "owox-export-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var errors = new StringWriter();
            var watch = Stopwatch.StartNew();
            var exit = await OwoxDataCli.RunAsync(
                ["export", DemoMarts.AdPerformance, "--format", request.Format, "--output", folder, "--partition-by", "date:month", "--parallel", "1"],
                request.ApiKey, TextWriter.Null, errors, CancellationToken.None);
            var elapsed = watch.Elapsed;
            if (exit != 0)
                throw new InvalidOperationException($"owox-data export --format {request.Format} exited {exit}: {errors}");
            var bytes = Directory.GetFiles(folder, "part-*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            Console.WriteLine(JsonSerializer.Serialize(new ExportMeasurement(elapsed.TotalSeconds, bytes, Measurement.PeakWorkingSet()), ChildProcess.Json));
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Number(string[] args, string name, int fallback) => List(args, name, fallback)[0];

    private static int[] List(string[] args, string name, params int[] defaults)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0)
            return defaults;
        if (at == args.Length - 1)
            throw new ArgumentException($"{name} needs a value, e.g. {name} {string.Join(',', defaults)}.");
        return args[at + 1].Split(',').Select(v => int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
    }

    private sealed record ExportRequest(string ApiKey, string Format);

    private sealed record ExportMeasurement(double ElapsedSeconds, long Bytes, long PeakWorkingSetBytes);
}
