using System;
using System.Buffers;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Owox.Data;
using Owox.Data.Emulator;

namespace Owox.Data.Cli;

/// <summary>
/// owox-data: streams a data mart (or report, or SQL) to the terminal as a table, CSV or NDJSON, to a CSV or NDJSON
/// file, or into a table of a SQLite file, and lists data marts and their columns. With no API key (--key or OWOX_API_KEY) it starts the local emulator in-process and
/// queries its demo data mart.
/// </summary>
public static class OwoxDataCli
{
    private const string Usage = """
        usage: owox-data [query] [--key owox_key_...] [--format table|csv|ndjson] [--output file] [--max-rows N]
               owox-data [query] --format sqlite --output file.db [--table name] [--replace | --append] [--max-rows N]
               owox-data marts [--key ...] [--format table|csv|ndjson]
               owox-data columns <data-mart-id> [--key ...] [--format table|csv|ndjson]

          query         a data-mart id, report:<id>, or SELECT ... (default: the emulator's demo mart)
          marts         list the data marts the key can see (id, title, status, warehouse)
          columns       list a data mart's columns (name, storage type, .NET type, description)
          --key         the OWOX API key; defaults to $OWOX_API_KEY; without one the local emulator is used
          --format      table (default), csv, ndjson, or sqlite (a table in the SQLite file --output names)
          -o, --output  write the rows to this file instead of stdout; required for sqlite. A csv or ndjson file
                        is replaced only when every row has arrived; a failed run leaves it as it was
          --table       sqlite: the table to write; default: the data mart's title as an identifier
                        (Ad performance -> ad_performance), or rows (for a report)
          --replace     sqlite: drop an existing table of that name and create it again
          --append      sqlite: insert into an existing table (it must have every column of the result)
                        Without --replace or --append an existing table is refused before OWOX is queried.
          --max-rows    stop after N rows (default: all)

        Rows go to stdout (or --output), progress and errors to stderr: with --output, a progress line every second
        and a summary. The SQLite table is created and filled in one transaction, so a failed or cancelled run leaves
        the file as it was. Exit codes: 0 done, 1 OWOX error or the output could not be written, 2 bad arguments
        (an existing table without --replace or --append included), 130 cancelled.
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
        string? query = null, key = defaultKey, format = "table", listing = null, outputPath = null, targetTable = null;
        var existing = ExistingTable.Refuse;
        long maxRows = long.MaxValue;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--key" when i + 1 < args.Length: key = args[++i]; break;
                case "--format" when i + 1 < args.Length: format = args[++i]; break;
                case "--output" or "-o" when i + 1 < args.Length: outputPath = args[++i]; break;
                case "--table" when i + 1 < args.Length: targetTable = args[++i]; break;
                case "--replace" or "--append":
                    var wanted = args[i] == "--replace" ? ExistingTable.Replace : ExistingTable.Append;
                    if (existing != ExistingTable.Refuse && existing != wanted)
                        return await BadArgumentsAsync(errors, "--replace and --append exclude each other.");
                    existing = wanted;
                    break;
                case "--max-rows" when i + 1 < args.Length && long.TryParse(args[i + 1], out var n) && n > 0: maxRows = n; i++; break;
                case "-h" or "--help": await output.WriteLineAsync(Usage); return 0;
                case "marts" or "columns" when i == 0: listing = args[i]; break;
                default:
                    if (args[i].StartsWith('-') || query is not null)
                    {
                        await errors.WriteLineAsync($"owox-data: unexpected argument '{args[i]}'.");
                        await errors.WriteLineAsync(Usage);
                        return 2;
                    }
                    query = args[i];
                    break;
            }
        }
        var refusal = format switch
        {
            not ("table" or "csv" or "ndjson" or "sqlite") => "--format must be table, csv, ndjson or sqlite.",
            _ when listing is not null && (format == "sqlite" || outputPath is not null) => "marts and columns print to stdout; --format sqlite and --output are for queries.",
            "sqlite" when outputPath is null => "--format sqlite needs --output <file.db>.",
            "table" when outputPath is not null => "--output needs --format csv, ndjson or sqlite (the table format is for the terminal).",
            not "sqlite" when targetTable is not null || existing != ExistingTable.Refuse => "--table, --replace and --append go with --format sqlite.",
            _ when targetTable is not null && string.IsNullOrWhiteSpace(targetTable) => "--table needs a name.",
            _ when outputPath is not null && string.IsNullOrWhiteSpace(outputPath) => "--output needs a file name.",
            _ when outputPath is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(outputPath))) => $"the folder of --output {outputPath} does not exist.",
            _ => null,
        };
        if (refusal is not null)
            return await BadArgumentsAsync(errors, refusal);
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
                using var table = listing == "marts"
                    ? MartListing(await connection.GetSchemaAsync("Tables", cancellationToken))
                    : await connection.GetSchemaAsync("Columns", [null, null, query], cancellationToken);
                using var listed = table.CreateDataReader();
                var count = await WriteAsync(format, listed, output, long.MaxValue, null, cancellationToken);
                await errors.WriteLineAsync($"{count} {(listing == "marts" ? "data marts" : "columns")}.");
                return 0;
            }
            if (format == "sqlite")
                return await ExportToSqliteAsync(connection, query!, outputPath!, targetTable, existing, maxRows, errors, stopwatch, cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = query;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (outputPath is null)
            {
                var rows = await WriteAsync(format, reader, output, maxRows, null, cancellationToken);
                await errors.WriteLineAsync($"{rows} rows in {stopwatch.Elapsed.TotalSeconds:0.00} s (run id {reader.RunId ?? "none"}).");
            }
            else
            {
                var rows = await WriteFileAsync(format, reader, outputPath, maxRows, new ExportProgress(errors, stopwatch), cancellationToken);
                await errors.WriteLineAsync(Summary(rows, outputPath, stopwatch.Elapsed, reader.RunId));
            }
            return 0;
        }
        catch (OwoxException e)
        {
            await errors.WriteLineAsync($"owox-data: {e.Message}");
            await LeftAsItWasAsync(errors, outputPath);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await errors.WriteLineAsync("owox-data: cancelled.");
            await LeftAsItWasAsync(errors, outputPath);
            return 130;
        }
        catch (Exception e) when (outputPath is not null && e is SqliteException or IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"owox-data: cannot write {outputPath}: {e.Message}");
            await LeftAsItWasAsync(errors, outputPath);
            return 1;
        }
        finally
        {
            if (emulator is not null)
                await emulator.DisposeAsync();
        }
    }

    private static async Task<int> BadArgumentsAsync(TextWriter errors, string message)
    {
        await errors.WriteLineAsync("owox-data: " + message);
        return 2;
    }

    private static async Task LeftAsItWasAsync(TextWriter errors, string? outputPath)
    {
        if (outputPath is not null)
            await errors.WriteLineAsync($"owox-data: nothing was written; {outputPath} is as it was.");
    }

    private static string Summary(long rows, string target, TimeSpan elapsed, string? runId) => string.Create(CultureInfo.InvariantCulture,
        $"{rows} rows → {target} in {elapsed.TotalSeconds:0.00} s, {ExportProgress.RowsPerSecond(rows, elapsed)} rows/s (run id {runId ?? "none"}).");

    /// <summary>
    /// --format sqlite: the table is named (by --table, or after the data mart: a schema-only command, which sends no
    /// data request, says which mart the query reads), the file is opened and an existing table refused, and only then
    /// is the query run and its rows written in one transaction.
    /// </summary>
    private static async Task<int> ExportToSqliteAsync(OwoxConnection connection, string query, string path, string? table, ExistingTable existing, long maxRows, TextWriter errors, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        table ??= await DefaultTableNameAsync(connection, query, cancellationToken);
        using var export = SqliteExport.Open(path, table, existing);
        if (export.Conflict is { } conflict)
            return await BadArgumentsAsync(errors, conflict);

        await using var command = connection.CreateCommand();
        command.CommandText = query;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = reader.GetColumnSchema();
        if (export.CheckColumns(columns) is { } missing)
            return await BadArgumentsAsync(errors, missing);
        var rows = await export.WriteAsync(columns, reader, maxRows, new ExportProgress(errors, stopwatch), cancellationToken);
        export.Commit();
        await errors.WriteLineAsync(Summary(rows, $"{path} ({export.Table})", stopwatch.Elapsed, reader.RunId));
        return 0;
    }

    /// <summary>The data mart's title as a table name (see <see cref="SqliteExport.TableName"/>); a report has none, so rows.</summary>
    private static async Task<string> DefaultTableNameAsync(OwoxConnection connection, string query, CancellationToken cancellationToken)
    {
        string source;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = query;
            await using var schema = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken);
            source = schema.DataMartId;
        }
        var marts = await connection.GetSchemaAsync("Tables", [null, null, source], cancellationToken);
        return SqliteExport.TableName(marts.Rows.Count == 1 ? marts.Rows[0]["TITLE"] as string : null);
    }

    /// <summary>CSV or NDJSON into a temporary file beside <paramref name="path"/>, which replaces it only when every row has arrived.</summary>
    private static async Task<long> WriteFileAsync(string format, DbDataReader reader, string path, long maxRows, ExportProgress progress, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long rows;
            await using (var file = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
                rows = await WriteAsync(format, reader, file, maxRows, progress, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            return rows;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static Task<long> WriteAsync(string format, DbDataReader reader, TextWriter output, long maxRows, ExportProgress? progress, CancellationToken cancellationToken) => format switch
    {
        "csv" => WriteCsvAsync(reader, output, maxRows, progress, cancellationToken),
        "ndjson" => WriteNdjsonAsync(reader, output, maxRows, progress, cancellationToken),
        _ => WriteTableAsync(reader, output, maxRows, cancellationToken),
    };

    private static async Task<long> WriteNdjsonAsync(DbDataReader reader, TextWriter output, long maxRows, ExportProgress? progress, CancellationToken cancellationToken)
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
            await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan));
            progress?.Row(rows);
        }
        return rows;
    }

    /// <summary>
    /// What <c>marts</c> prints, from the Tables schema collection: the id to copy (in full, even in a table), title,
    /// status and warehouse, then the description.
    /// </summary>
    private static System.Data.DataTable MartListing(System.Data.DataTable tables)
    {
        using (tables)
        {
            var listing = tables.DefaultView.ToTable(false, "TABLE_NAME", "TITLE", "STATUS", "STORAGE_TYPE", "DESCRIPTION");
            listing.Columns["TABLE_NAME"]!.ColumnName = "ID";
            return listing;
        }
    }

    private static async Task<long> WriteTableAsync(DbDataReader reader, TextWriter output, long maxRows, CancellationToken cancellationToken)
    {
        const int maxWidth = 24;
        var widths = Enumerable.Range(0, reader.FieldCount)
            .Select(i => reader.GetName(i) == "ID" ? 36 : Math.Clamp(Math.Max(reader.GetName(i).Length, DefaultWidth(reader.GetFieldType(i))), 4, maxWidth))
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

    private static async Task<long> WriteCsvAsync(DbDataReader reader, TextWriter output, long maxRows, ExportProgress? progress, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Csv(reader.GetName(i)))));
        long rows = 0;
        while (rows < maxRows && await reader.ReadAsync(cancellationToken))
        {
            rows++;
            await output.WriteLineAsync(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => Csv(Format(reader, i)))));
            progress?.Row(rows);
        }
        return rows;
    }

    private static int DefaultWidth(Type type) =>
        type == typeof(DateTime) ? 24 : type == typeof(bool) ? 5 : type == typeof(string) ? 16 : 10;

    private static string Format(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
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
