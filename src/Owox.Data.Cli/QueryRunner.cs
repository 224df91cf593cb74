using System;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Owox.Data.Cli.Export;
using Owox.Data.Cli.Progress;
using Owox.Data.Emulator;

namespace Owox.Data.Cli;

/// <summary>
/// <c>owox-data [query]</c>: runs the query and writes its rows to stdout (table, csv, ndjson), to a csv or ndjson file
/// (through a temporary file that replaces it only when every row has arrived), or into a table of a SQLite file (in
/// one transaction). Progress goes to stderr whenever the rows do not go to the terminal.
/// </summary>
internal static class QueryRunner
{
    /// <summary>Runs <paramref name="arguments"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(QueryArguments arguments, CliConsole console, CancellationToken cancellationToken)
    {
        Check(arguments);
        var parameters = new OwoxParameter[arguments.Parameters.Count];
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = ParameterArgument.Parse(arguments.Parameters[i]);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            await using var session = await CliSession.OpenAsync(arguments.Key, console, demoMart: arguments.Query is null, cancellationToken);
            var query = arguments.Query ?? (session.Emulated ? DemoMarts.AdPerformance : throw new UsageException("give a data-mart id, report:<id> or a SELECT to run."));
            OwoxCommand NewCommand()
            {
                var command = session.Connection.CreateCommand();
                command.CommandText = query;
                command.Parameters.AddRange(parameters);
                return command;
            }
            var progressWanted = arguments.Output is not null || !console.OutputIsTerminal;
            if (arguments.Format == "sqlite")
                return await ExportToSqliteAsync(arguments, session.Connection, NewCommand, console, stopwatch, progressWanted, cancellationToken);

            // The summary is written once the progress display is gone, so that it is not drawn over.
            var summary = await ExportProgress.ShowAsync(console, progressWanted, stopwatch, async progress =>
            {
                await using var command = NewCommand();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (progress is not null)
                    progress.RunId = reader.RunId;
                if (arguments.Output is null)
                {
                    var rows = await WriteAsync(arguments, reader, console.Out, progress, cancellationToken);
                    return string.Create(CultureInfo.InvariantCulture, $"{rows} rows in {stopwatch.Elapsed.TotalSeconds:0.00} s (run id {reader.RunId ?? "none"}).");
                }
                return Summary(await WriteFileAsync(arguments, reader, progress, cancellationToken), arguments.Output, stopwatch.Elapsed, reader.RunId);
            });
            await console.Error.WriteLineAsync(summary);
            return OwoxDataCli.Done;
        }
        catch (OwoxException e)
        {
            await console.Error.WriteLineAsync($"owox-data: {e.Message}");
            await LeftAsItWasAsync(console, arguments.Output);
            return OwoxDataCli.Failed;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("owox-data: cancelled.");
            await LeftAsItWasAsync(console, arguments.Output);
            return OwoxDataCli.Cancelled;
        }
        catch (Exception e) when (arguments.Output is not null && e is SqliteException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"owox-data: cannot write {arguments.Output}: {e.Message}");
            await LeftAsItWasAsync(console, arguments.Output);
            return OwoxDataCli.Failed;
        }
    }

    /// <summary>The combinations that cannot run, refused before OWOX is asked anything.</summary>
    private static void Check(QueryArguments arguments)
    {
        var refusal = arguments.Format switch
        {
            _ when arguments.Replace && arguments.Append => "--replace and --append exclude each other.",
            "sqlite" when arguments.Output is null => "--format sqlite needs --output <file.db>.",
            "table" when arguments.Output is not null => "--output needs --format csv, ndjson or sqlite (the table format is for the terminal).",
            not "sqlite" when arguments.Table is not null || arguments.Replace || arguments.Append => "--table, --replace and --append go with --format sqlite.",
            not "csv" when arguments.ByteOrderMark => "--bom goes with --format csv.",
            _ when arguments.Table is not null && string.IsNullOrWhiteSpace(arguments.Table) => "--table needs a name.",
            _ when arguments.Output is not null && string.IsNullOrWhiteSpace(arguments.Output) => "--output needs a file name.",
            _ when arguments.Output is not null && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(arguments.Output))) => $"the folder of --output {arguments.Output} does not exist.",
            _ => null,
        };
        if (refusal is not null)
            throw new UsageException(refusal);
    }

    private static async Task LeftAsItWasAsync(CliConsole console, string? outputPath)
    {
        if (outputPath is not null)
            await console.Error.WriteLineAsync($"owox-data: nothing was written; {outputPath} is as it was.");
    }

    private static string Summary(long rows, string target, TimeSpan elapsed, string? runId) => string.Create(CultureInfo.InvariantCulture,
        $"{rows} rows → {target} in {elapsed.TotalSeconds:0.00} s, {ExportProgress.RowsPerSecond(rows, elapsed)} rows/s (run id {runId ?? "none"}).");

    /// <summary>
    /// --format sqlite: the table is named (by --table, or after the data mart: a schema-only command, which sends no
    /// data request, says which mart the query reads), the file is opened and an existing table refused, and only then
    /// is the query run and its rows written in one transaction.
    /// </summary>
    private static async Task<int> ExportToSqliteAsync(QueryArguments arguments, OwoxConnection connection, Func<OwoxCommand> newCommand, CliConsole console, Stopwatch stopwatch, bool progressWanted, CancellationToken cancellationToken)
    {
        var path = arguments.Output!;
        var table = arguments.Table ?? await DefaultTableNameAsync(connection, newCommand, cancellationToken);
        var existing = arguments.Replace ? ExistingTable.Replace : arguments.Append ? ExistingTable.Append : ExistingTable.Refuse;
        using var export = SqliteExport.Open(path, table, existing);
        if (export.Conflict is { } conflict)
            throw new UsageException(conflict);

        var summary = await ExportProgress.ShowAsync(console, progressWanted, stopwatch, async progress =>
        {
            await using var command = newCommand();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (progress is not null)
                progress.RunId = reader.RunId;
            var columns = reader.GetColumnSchema();
            if (export.CheckColumns(columns) is { } missing)
                throw new UsageException(missing);
            var rows = await export.WriteAsync(columns, reader, arguments.MaxRows, progress, cancellationToken);
            export.Commit();
            return Summary(rows, $"{path} ({export.Table})", stopwatch.Elapsed, reader.RunId);
        });
        await console.Error.WriteLineAsync(summary);
        return OwoxDataCli.Done;
    }

    /// <summary>The data mart's title as a table name (see <see cref="SqliteExport.TableName"/>); a report has none, so rows.</summary>
    private static async Task<string> DefaultTableNameAsync(OwoxConnection connection, Func<OwoxCommand> newCommand, CancellationToken cancellationToken)
    {
        string source;
        await using (var command = newCommand())
        {
            await using var schema = await command.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken);
            source = schema.DataMartId;
        }
        using var marts = await connection.GetSchemaAsync("Tables", [null, null, source], cancellationToken);
        return SqliteExport.TableName(marts.Rows.Count == 1 ? marts.Rows[0]["TITLE"] as string : null);
    }

    /// <summary>CSV or NDJSON into a temporary file beside the target, which replaces it only when every row has arrived.</summary>
    private static async Task<long> WriteFileAsync(QueryArguments arguments, DbDataReader reader, ExportProgress? progress, CancellationToken cancellationToken)
    {
        var path = arguments.Output!;
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long rows;
            await using (var file = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
                rows = await WriteAsync(arguments, reader, file, progress, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            return rows;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static Task<long> WriteAsync(QueryArguments arguments, DbDataReader reader, TextWriter output, ExportProgress? progress, CancellationToken cancellationToken) => arguments.Format switch
    {
        "csv" => CsvOutput.WriteAsync(reader, output, arguments.MaxRows, arguments.ByteOrderMark, progress, cancellationToken),
        "ndjson" => NdjsonOutput.WriteAsync(reader, output, arguments.MaxRows, progress, cancellationToken),
        _ => TableOutput.WriteAsync(reader, output, arguments.MaxRows, cancellationToken),
    };
}
