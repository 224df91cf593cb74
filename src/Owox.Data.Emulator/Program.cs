using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Emulator;

/// <summary>
/// <c>dotnet run --project src/Owox.Data.Emulator [-- options]</c> — runs the emulator until Ctrl+C, printing its URL
/// and a key; or <c>create-mart</c> to add a data mart from a CSV/NDJSON file to a database file.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Owox.Data.Emulator — a local OWOX Data Marts HTTP API.

        Run the server (Ctrl+C stops it):
          Owox.Data.Emulator [--port <n>] [--host <address>] [--data <sqlite file>] [--rows <n>]
                             [--token-lifetime <seconds>] [--rate-limit-hour <n>] [--rate-limit-day <n>]
                             [--stream-rows-per-second <n>] [--stream-bytes-per-second <n>]
          (the stream bounds hold each NDJSON response on its own to that many rows or bytes per second)

        Create a data mart from a file (into --data, which then serves it):
          Owox.Data.Emulator create-mart --data <sqlite file> --file <data.csv|data.ndjson>
                             --column <name>:<TYPE> [--column ...] [--title <text>] [--id <uuid>]
                             [--storage BigQuery|Athena|Snowflake|Redshift|Databricks] [--draft] [--rows <n>]
        """;

    private static async Task<int> Main(string[] args)
    {
        try
        {
            var options = ParseArgs(args, out var command);
            return command switch
            {
                "help" => PrintUsage(),
                "create-mart" => await CreateMartAsync(options).ConfigureAwait(false),
                _ => await ServeAsync(options).ConfigureAwait(false),
            };
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
    }

    private static int PrintUsage()
    {
        Console.WriteLine(Usage);
        return 0;
    }

    private static Dictionary<string, List<string>> ParseArgs(string[] args, out string command)
    {
        command = "serve";
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "help")
            {
                command = "help";
                continue;
            }

            if (i == 0 && !arg.StartsWith("--", StringComparison.Ordinal))
            {
                command = arg;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }

            var name = arg[2..];
            if (name == "draft")
            {
                options[name] = ["true"];
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"Option --{name} needs a value.");
            }

            if (!options.TryGetValue(name, out var list))
            {
                options[name] = list = [];
            }

            list.Add(args[++i]);
        }

        return options;
    }

    private static string? One(Dictionary<string, List<string>> options, string name) => options.TryGetValue(name, out var v) ? v[^1] : null;

    private static int Int(Dictionary<string, List<string>> options, string name, int fallback) =>
        One(options, name) is { } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"--{name} must be an integer.")
            : fallback;

    private static double? PositiveNumber(Dictionary<string, List<string>> options, string name) =>
        One(options, name) is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new ArgumentException($"--{name} must be a positive number.")
            : null;

    private static long? PositiveInteger(Dictionary<string, List<string>> options, string name) =>
        One(options, name) is { } text
            ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new ArgumentException($"--{name} must be a positive integer.")
            : null;

    private static async Task<int> ServeAsync(Dictionary<string, List<string>> options)
    {
        var emulatorOptions = new OwoxEmulatorOptions
        {
            Port = Int(options, "port", 5089),
            Host = One(options, "host") ?? "127.0.0.1",
            DatabasePath = One(options, "data"),
            DemoRows = Int(options, "rows", 1000),
            StreamRowsPerSecond = PositiveNumber(options, "stream-rows-per-second"),
            StreamBytesPerSecond = PositiveInteger(options, "stream-bytes-per-second"),
        };
        if (One(options, "token-lifetime") != null)
        {
            emulatorOptions.TokenLifetime = TimeSpan.FromSeconds(Int(options, "token-lifetime", 900));
        }

        if (One(options, "rate-limit-hour") != null || One(options, "rate-limit-day") != null)
        {
            emulatorOptions.RateLimits = new RateLimitOptions
            {
                HourLimit = Int(options, "rate-limit-hour", 1000),
                DayLimit = Int(options, "rate-limit-day", 15000),
            };
        }

        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        var emulator = await OwoxEmulator.StartAsync(emulatorOptions).ConfigureAwait(false);
        await using var _ = emulator.ConfigureAwait(false);
        Console.WriteLine($"OWOX emulator listening on {emulator.BaseAddress}");
        Console.WriteLine($"API key: {emulator.ApiKey}");
        Console.WriteLine($"Database: {emulator.DatabasePath}");
        Console.WriteLine($"Demo data mart (ad performance, {emulatorOptions.DemoRows} rows): {DemoMarts.AdPerformance}");
        Console.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }

    private static async Task<int> CreateMartAsync(Dictionary<string, List<string>> options)
    {
        var data = One(options, "data") ?? throw new ArgumentException("create-mart needs --data <sqlite file>.");
        var file = One(options, "file") ?? throw new ArgumentException("create-mart needs --file <data.csv|data.ndjson>.");
        if (!options.TryGetValue("column", out var columnSpecs) || columnSpecs.Count == 0)
        {
            throw new ArgumentException("create-mart needs at least one --column <name>:<TYPE>.");
        }

        var storage = One(options, "storage") is { } s
            ? Enum.TryParse<StorageFlavor>(s, ignoreCase: true, out var flavor) ? flavor : throw new ArgumentException($"Unknown --storage '{s}'.")
            : StorageFlavor.BigQuery;
        var definition = new DataMartDefinition
        {
            Id = One(options, "id"),
            Title = One(options, "title") ?? System.IO.Path.GetFileNameWithoutExtension(file),
            Storage = storage,
            Published = One(options, "draft") == null,
            Columns = columnSpecs.Select(spec =>
            {
                var colon = spec.LastIndexOf(':');
                return colon <= 0
                    ? throw new ArgumentException($"--column '{spec}' must be <name>:<TYPE>.")
                    : new DataMartColumn(spec[..colon], spec[(colon + 1)..].ToUpperInvariant());
            }).ToList(),
        };

        var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DatabasePath = data, DemoRows = Int(options, "rows", 1000) }).ConfigureAwait(false);
        await using var _ = emulator.ConfigureAwait(false);
        var id = emulator.ImportDataMart(definition, file);
        Console.WriteLine(id);
        return 0;
    }
}
