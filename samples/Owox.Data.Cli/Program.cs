using System;
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data;
using Owox.Data.Emulator;

namespace Owox.Data.Cli;

/// <summary>
/// owox-data: streams a data mart (or report, or SQL) to the terminal as a table, CSV or NDJSON, and lists data
/// marts and their columns. With no API key (--key or OWOX_API_KEY) it starts the local emulator in-process and
/// queries its demo data mart.
/// </summary>
public static class OwoxDataCli
{
    private const string Usage = """
        usage: owox-data [query] [--key owox_key_...] [--format table|csv|ndjson] [--max-rows N]
               owox-data marts [--key ...] [--format ...]
               owox-data columns <data-mart-id> [--key ...] [--format ...]

          query        a data-mart id, report:<id>, or SELECT ... (default: the emulator's demo mart)
          marts        list the data marts the key can see (id, title, status, warehouse)
          columns      list a data mart's columns (name, storage type, .NET type, description)
          --key        the OWOX API key; defaults to $OWOX_API_KEY; without one the local emulator is used
          --format     table (default), csv or ndjson
          --max-rows   stop after N rows (default: all)

        Rows go to stdout, progress and errors to stderr. Exit codes: 0 done, 1 OWOX error, 2 bad arguments,
        130 cancelled.
        """;

    private static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        return await RunAsync(args, Environment.GetEnvironmentVariable("OWOX_API_KEY"), Console.Out, Console.Error, cancel.Token);
    }

    /// <summary>Runs the command line <paramref name="args"/>; <paramref name="defaultKey"/> is used when no --key is given.</summary>
    public static async Task<int> RunAsync(string[] args, string? defaultKey, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        string? query = null, key = defaultKey, format = "table", listing = null;
        long maxRows = long.MaxValue;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--key" when i + 1 < args.Length: key = args[++i]; break;
                case "--format" when i + 1 < args.Length: format = args[++i]; break;
                case "--max-rows" when i + 1 < args.Length && long.TryParse(args[i + 1], out var n) && n > 0: maxRows = n; i++; break;
                case "-h" or "--help": await output.WriteLineAsync(Usage); return 0;
                case "marts" or "columns" when i == 0: listing = args[i]; break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal) || query is not null)
                    {
                        await errors.WriteLineAsync($"owox-data: unexpected argument '{args[i]}'.");
                        await errors.WriteLineAsync(Usage);
                        return 2;
                    }
                    query = args[i];
                    break;
            }
        }
        if (format is not ("table" or "csv" or "ndjson"))
        {
            await errors.WriteLineAsync("owox-data: --format must be table, csv or ndjson.");
            return 2;
        }
        if (listing == "columns" && query is null && !string.IsNullOrWhiteSpace(key))
        {
            await errors.WriteLineAsync("owox-data: columns needs a data-mart id.");
            return 2;
        }

        OwoxEmulator? emulator = null;
        try
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 50 }, cancellationToken);
                key = emulator.ApiKey;
                query ??= DemoMarts.AdPerformance;
                await errors.WriteLineAsync($"No API key given: using the local OWOX emulator at {emulator.BaseAddress}{(query == DemoMarts.AdPerformance ? " and its demo data mart" : string.Empty)}.");
            }
            if (query is null && listing != "marts")
            {
                await errors.WriteLineAsync("owox-data: give a data-mart id, report:<id> or a SELECT to run.");
                return 2;
            }

            var stopwatch = Stopwatch.StartNew();
            await using var connection = new OwoxConnection(key);
            await connection.OpenAsync(cancellationToken);
            if (listing is not null)
            {
                var table = listing == "marts"
                    ? await connection.GetSchemaAsync("Tables", cancellationToken)
                    : await connection.GetSchemaAsync("Columns", [null, null, query], cancellationToken);
                using var listed = table.CreateDataReader();
                var count = await WriteAsync(format, listed, output, long.MaxValue, cancellationToken);
                await errors.WriteLineAsync($"{count} {(listing == "marts" ? "data marts" : "columns")}.");
                return 0;
            }
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = await WriteAsync(format, reader, output, maxRows, cancellationToken);
            await errors.WriteLineAsync($"{rows} rows in {stopwatch.Elapsed.TotalSeconds:0.00} s (run id {reader.RunId ?? "none"}).");
            return 0;
        }
        catch (OwoxException e)
        {
            await errors.WriteLineAsync($"owox-data: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await errors.WriteLineAsync("owox-data: cancelled.");
            return 130;
        }
        finally
        {
            if (emulator is not null)
                await emulator.DisposeAsync();
        }
    }

    private static Task<long> WriteAsync(string format, System.Data.Common.DbDataReader reader, TextWriter output, long maxRows, CancellationToken cancellationToken) => format switch
    {
        "csv" => WriteCsvAsync(reader, output, maxRows, cancellationToken),
        "ndjson" => WriteNdjsonAsync(reader, output, maxRows, cancellationToken),
        _ => WriteTableAsync(reader, output, maxRows, cancellationToken),
    };

    private static async Task<long> WriteNdjsonAsync(System.Data.Common.DbDataReader reader, TextWriter output, long maxRows, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var options = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        long rows = 0;
        while (rows < maxRows && await reader.ReadAsync(cancellationToken))
        {
            rows++;
            buffer.Clear();
            using (var writer = new Utf8JsonWriter(buffer, options))
            {
                writer.WriteStartObject();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    writer.WritePropertyName(reader.GetName(i));
                    switch (reader.GetValue(i))
                    {
                        case DBNull: writer.WriteNullValue(); break;
                        case long l: writer.WriteNumberValue(l); break;
                        case int n: writer.WriteNumberValue(n); break;
                        case decimal d: writer.WriteNumberValue(d); break;
                        case double f when double.IsFinite(f): writer.WriteNumberValue(f); break;
                        case bool b: writer.WriteBooleanValue(b); break;
                        default: writer.WriteStringValue(Format(reader, i)); break;
                    }
                }
                writer.WriteEndObject();
            }
            await output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        return rows;
    }

    private static async Task<long> WriteTableAsync(System.Data.Common.DbDataReader reader, TextWriter output, long maxRows, CancellationToken cancellationToken)
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

    private static async Task<long> WriteCsvAsync(System.Data.Common.DbDataReader reader, TextWriter output, long maxRows, CancellationToken cancellationToken)
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

    private static string Format(System.Data.Common.DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
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
