using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data;
using Owox.Data.Emulator;

namespace Owox.Data.Cli;

/// <summary>
/// owox-data: streams a data mart (or report, or SQL) to the terminal as a table or as CSV.
/// With no API key (--key or OWOX_API_KEY) it starts the local emulator in-process and queries its demo data mart.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: owox-data [query] [--key owox_key_...] [--format table|csv] [--max-rows N]

          query        a data-mart id, report:<id>, or SELECT ... (default: the emulator's demo mart)
          --key        the OWOX API key; defaults to $OWOX_API_KEY; without one the local emulator is used
          --format     table (default) or csv
          --max-rows   stop after N rows (default: all)
        """;

    private static async Task<int> Main(string[] args)
    {
        string? query = null, key = Environment.GetEnvironmentVariable("OWOX_API_KEY"), format = "table";
        long maxRows = long.MaxValue;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--key" when i + 1 < args.Length: key = args[++i]; break;
                case "--format" when i + 1 < args.Length: format = args[++i]; break;
                case "--max-rows" when i + 1 < args.Length && long.TryParse(args[i + 1], out var n) && n > 0: maxRows = n; i++; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || query is not null)
                    {
                        Console.Error.WriteLine($"owox-data: unexpected argument '{args[i]}'.");
                        Console.Error.WriteLine(Usage);
                        return 2;
                    }
                    query = args[i];
                    break;
            }
        }
        if (format is not ("table" or "csv"))
        {
            Console.Error.WriteLine("owox-data: --format must be table or csv.");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

        OwoxEmulator? emulator = null;
        try
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 50 }, cancel.Token);
                key = emulator.ApiKey;
                query ??= DemoMarts.AdPerformance;
                Console.Error.WriteLine($"No API key given: using the local OWOX emulator at {emulator.BaseAddress}{(query == DemoMarts.AdPerformance ? " and its demo data mart" : string.Empty)}.");
            }
            if (query is null)
            {
                Console.Error.WriteLine("owox-data: give a data-mart id, report:<id> or a SELECT to run.");
                return 2;
            }

            var stopwatch = Stopwatch.StartNew();
            await using var connection = new OwoxConnection(key);
            await connection.OpenAsync(cancel.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync(cancel.Token);
            var output = Console.Out;
            var rows = format == "csv"
                ? await WriteCsvAsync(reader, output, maxRows, cancel.Token)
                : await WriteTableAsync(reader, output, maxRows, cancel.Token);
            Console.Error.WriteLine($"{rows} rows in {stopwatch.Elapsed.TotalSeconds:0.00} s (run id {reader.RunId ?? "none"}).");
            return 0;
        }
        catch (OwoxException e)
        {
            Console.Error.WriteLine($"owox-data: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("owox-data: cancelled.");
            return 130;
        }
        finally
        {
            if (emulator is not null)
                await emulator.DisposeAsync();
        }
    }

    private static async Task<long> WriteTableAsync(OwoxDataReader reader, TextWriter output, long maxRows, CancellationToken cancellationToken)
    {
        const int maxWidth = 24;
        var widths = Enumerable.Range(0, reader.FieldCount)
            .Select(i => Math.Clamp(Math.Max(reader.GetName(i).Length, DefaultWidth(reader.GetFieldType(i))), 4, maxWidth))
            .ToArray();
        await output.WriteLineAsync(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Fit(reader.GetName(i), widths[i]))));
        await output.WriteLineAsync(string.Join("-+-", widths.Select(w => new string('-', w))));
        long rows = 0;
        while (rows < maxRows && await reader.ReadAsync(cancellationToken))
        {
            rows++;
            await output.WriteLineAsync(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Fit(Format(reader, i), widths[i]))));
        }
        return rows;
    }

    private static async Task<long> WriteCsvAsync(OwoxDataReader reader, TextWriter output, long maxRows, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Csv(reader.GetName(i)))));
        long rows = 0;
        while (rows < maxRows && await reader.ReadAsync(cancellationToken))
        {
            rows++;
            await output.WriteLineAsync(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Csv(Format(reader, i)))));
        }
        return rows;
    }

    private static int DefaultWidth(Type type) =>
        type == typeof(DateTime) ? 24 : type == typeof(bool) ? 5 : type == typeof(string) ? 16 : 10;

    private static string Format(OwoxDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DBNull => string.Empty,
        DateTime d when reader.GetDataTypeName(ordinal) == "DATE" => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime { Kind: DateTimeKind.Utc } d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var value => value.ToString() ?? string.Empty,
    };

    private static string Fit(string text, int width)
    {
        var flat = text.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        return flat.Length > width ? flat[..(width - 1)] + "…" : flat.PadRight(width);
    }

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
