using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Cli;

/// <summary>
/// The command tree: the root runs a query (as <c>query</c> does), and <c>marts</c>, <c>columns</c>, <c>reports</c> and
/// <c>emulator</c>. System.CommandLine gives every command <c>--help</c>, the root <c>--version</c>, and parse errors
/// that name the option or argument with suggestions for typos.
/// </summary>
internal static class CliCommands
{
    private static readonly string[] QueryFormats = ["table", "csv", "ndjson", "sqlite"];
    private static readonly string[] ListingFormats = ["table", "csv", "ndjson"];
    private static readonly string[] ExportFormats = ["parquet", "csv", "ndjson"];

    /// <summary>The root command; <paramref name="environmentKey"/> stands for OWOX_API_KEY.</summary>
    public static RootCommand Build(string? environmentKey, CliConsole console)
    {
        var key = new Option<string>("--key", "-k") { Description = "The OWOX API key (owox_key_...). Default: $OWOX_API_KEY; with no key the local emulator is started and its demo data mart read.", HelpName = "owox_key_..." };
        var keyFile = new Option<string>("--key-file") { Description = "Read the API key from this file (for keys that must not appear in the process list or shell history).", HelpName = "file" };
        var query = new Argument<string?>("query") { Description = "A data-mart id, report:<id>, or SELECT ... (default with no key: the emulator's demo data mart).", Arity = ArgumentArity.ZeroOrOne };
        OptionSuggestion.RefuseUnknownOptions(query);
        var format = FormatOption(QueryFormats, "table (default), csv, ndjson, or sqlite (a table in the SQLite file --output names).");
        var output = new Option<string>("--output", "-o") { Description = "Write the rows to this file instead of stdout; required for sqlite. A csv or ndjson file is replaced only when every row has arrived.", HelpName = "file" };
        var maxRows = new Option<long?>("--max-rows") { Description = "Stop after this many rows (default: all).", HelpName = "n" };
        maxRows.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is <= 0)
                r.AddError("--max-rows must be a positive number.");
        });
        var parameters = new Option<string[]>("--param", "-p") { Description = "A SQL parameter @name (repeatable). The value is typed from its text: true/false, an integer, a decimal (1.50), a date (yyyy-MM-dd), a timestamp (yyyy-MM-ddTHH:mm:ss[Z|+hh:mm]); anything else is a string.", HelpName = "name=value", Arity = ArgumentArity.ZeroOrMore };
        var table = new Option<string>("--table") { Description = "sqlite: the table to write; default: the data mart's title as an identifier (Ad performance -> ad_performance), or rows for a report.", HelpName = "name" };
        var replace = new Option<bool>("--replace") { Description = "sqlite: drop an existing table of that name and create it again (in the same transaction)." };
        var append = new Option<bool>("--append") { Description = "sqlite: insert into an existing table (it must have every column of the result). Without --replace or --append an existing table is refused before OWOX is queried." };
        var bom = new Option<bool>("--bom") { Description = "csv: start with a UTF-8 byte order mark, so that Excel reads the file as UTF-8." };

        Command Query(Command command)
        {
            foreach (var option in new Option[] { key, keyFile, format, output, maxRows, parameters, table, replace, append, bom })
                command.Add(option);
            command.Add(query);
            command.SetAction((result, cancellationToken) => QueryRunner.RunAsync(
                new QueryArguments(
                    result.GetValue(query),
                    ApiKeyArguments.Resolve(result.GetValue(key), result.GetValue(keyFile), environmentKey),
                    result.GetValue(format) ?? "table",
                    result.GetValue(output),
                    result.GetValue(maxRows) ?? long.MaxValue,
                    result.GetValue(parameters) ?? [],
                    result.GetValue(table),
                    result.GetValue(replace),
                    result.GetValue(append),
                    result.GetValue(bom)),
                console,
                cancellationToken));
            return command;
        }

        var root = (RootCommand)Query(new RootCommand(
            "owox-data: stream an OWOX data mart, report or SELECT to the terminal, CSV, NDJSON or a SQLite table. " +
            "Rows go to stdout (or --output), progress and errors to stderr. Exit codes: 0 done, 1 OWOX error or the output " +
            "could not be written, 2 bad arguments, 130 cancelled."));
        root.Add(Query(new Command("query", "Run a query (the default command): a data-mart id, report:<id>, or SELECT ...")));
        root.Add(Listing("marts", "List the data marts the key can see (id, title, status, warehouse, description).", key, keyFile, environmentKey, console, null));
        var martId = new Argument<string?>("data-mart-id") { Description = "The data mart whose columns to list.", Arity = ArgumentArity.ExactlyOne };
        OptionSuggestion.RefuseUnknownOptions(martId);
        root.Add(Listing("columns", "List a data mart's columns (name, storage type, .NET type, description); an unknown id is an error.", key, keyFile, environmentKey, console, martId));
        root.Add(Listing("reports", "List the reports of the data marts the key can see (id, title, data mart).", key, keyFile, environmentKey, console, null));
        root.Add(ExportCommand(key, keyFile, parameters, environmentKey, console));
        root.Add(EmulatorCommand(console));
        return root;
    }

    private static Option<string> FormatOption(string[] formats, string description)
    {
        var format = new Option<string>("--format", "-f") { Description = description, HelpName = string.Join('|', formats) };
        format.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } value && Array.IndexOf(formats, value) < 0)
                r.AddError($"--format must be {string.Join(", ", formats[..^1])} or {formats[^1]}, not '{value}'.");
        });
        return format;
    }

    private static Command Listing(string name, string description, Option<string> key, Option<string> keyFile, string? environmentKey, CliConsole console, Argument<string?>? id)
    {
        var format = FormatOption(ListingFormats, "table (default), csv or ndjson.");
        var command = new Command(name, description) { key, keyFile, format };
        if (id is not null)
            command.Add(id);
        command.SetAction((result, cancellationToken) => ListingRunner.RunAsync(
            name,
            id is null ? null : result.GetValue(id),
            ApiKeyArguments.Resolve(result.GetValue(key), result.GetValue(keyFile), environmentKey),
            result.GetValue(format) ?? "table",
            console,
            cancellationToken));
        return command;
    }

    private static Command ExportCommand(Option<string> key, Option<string> keyFile, Option<string[]> parameters, string? environmentKey, CliConsole console)
    {
        var query = new Argument<string?>("query") { Description = "A data-mart id or SELECT ... FROM a data mart (default with no key: the emulator's demo data mart).", Arity = ArgumentArity.ZeroOrOne };
        OptionSuggestion.RefuseUnknownOptions(query);
        var format = FormatOption(ExportFormats, "parquet (default), csv or ndjson: one file per partition.");
        var output = new Option<string>("--output", "-o") { Description = "The folder to write: <column>_<granularity>=<key>/part-00000.<format> per partition and _manifest.json. A rerun into the same folder exports only the partitions not complete there.", HelpName = "folder", Required = true };
        var partitionBy = new Option<string>("--partition-by") { Description = "The DATE or timestamp column and the granularity, e.g. date:month (day, week or month).", HelpName = "column:day|week|month", Required = true };
        partitionBy.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } value && PartitionBy(value) is null)
                r.AddError($"--partition-by must be <column>:day, <column>:week or <column>:month, not '{value}'.");
        });
        var from = DayOption("--from", "The first day to export (yyyy-MM-dd; default: the earliest date in the data).");
        var to = DayOption("--to", "The last day to export, included (yyyy-MM-dd; default: the latest date in the data).");
        var parallel = new Option<int>("--parallel") { Description = "Partitions read at a time (default 4); they share one token and the key's rate limit.", DefaultValueFactory = _ => 4, HelpName = "n" };
        parallel.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 64)
                r.AddError("--parallel must be between 1 and 64.");
        });
        var verify = new Option<bool>("--verify") { Description = "Check each partition's row count against the server's record of its run before its file is kept (Verify Row Count)." };
        var command = new Command("export", "Export a data mart or SELECT as date partitions, in parallel, to Parquet, CSV or NDJSON files with a manifest; reruns resume.")
        {
            key, keyFile, format, output, partitionBy, from, to, parallel, verify, parameters, query,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var (column, granularity) = PartitionBy(result.GetValue(partitionBy)!)!.Value;
            return ExportRunner.RunAsync(
                new ExportArguments(
                    result.GetValue(query),
                    ApiKeyArguments.Resolve(result.GetValue(key), result.GetValue(keyFile), environmentKey),
                    result.GetValue(format) ?? "parquet",
                    result.GetValue(output)!,
                    column,
                    granularity,
                    Day(result.GetValue(from)),
                    Day(result.GetValue(to)),
                    result.GetValue(parallel),
                    result.GetValue(verify),
                    result.GetValue(parameters) ?? []),
                console,
                cancellationToken);
        });
        return command;
    }

    /// <summary><c>column:granularity</c>, split at the last colon; null when the granularity is not day, week or month.</summary>
    private static (string Column, OwoxPartitionGranularity Granularity)? PartitionBy(string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0)
            return null;
        var column = value[..colon].Trim();
        return value[(colon + 1)..].Trim().ToLowerInvariant() switch
        {
            "day" when column.Length > 0 => (column, OwoxPartitionGranularity.Day),
            "week" when column.Length > 0 => (column, OwoxPartitionGranularity.Week),
            "month" when column.Length > 0 => (column, OwoxPartitionGranularity.Month),
            _ => null,
        };
    }

    private static Option<string> DayOption(string name, string description)
    {
        var option = new Option<string>(name) { Description = description, HelpName = "yyyy-MM-dd" };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string>() is { } value && !DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                r.AddError($"{name} must be a day as yyyy-MM-dd, not '{value}'.");
        });
        return option;
    }

    private static DateTime? Day(string? value) =>
        value is null ? null : DateTime.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static Command EmulatorCommand(CliConsole console)
    {
        var port = new Option<int>("--port") { Description = "The port to listen on (0: any free port).", DefaultValueFactory = _ => 5089, HelpName = "n" };
        var host = new Option<string>("--host") { Description = "The address to listen on.", DefaultValueFactory = _ => "127.0.0.1", HelpName = "address" };
        var data = new Option<string>("--data") { Description = "The SQLite file that holds the data marts (default: a temporary file, deleted at exit).", HelpName = "file" };
        var rows = new Option<int>("--rows") { Description = "Rows of the demo data mart (ad performance).", DefaultValueFactory = _ => 1000, HelpName = "n" };
        var tokenLifetime = new Option<int?>("--token-lifetime") { Description = "Seconds an access token lives (default 900, as better-auth).", HelpName = "seconds" };
        var hourLimit = new Option<int?>("--rate-limit-hour") { Description = "Enforce an hourly request limit (off by default).", HelpName = "n" };
        var dayLimit = new Option<int?>("--rate-limit-day") { Description = "Enforce a daily request limit (off by default).", HelpName = "n" };
        var streamRows = new Option<double?>("--stream-rows-per-second") { Description = "Hold every stream to this many rows per second, each on its own, as a warehouse does (off by default).", HelpName = "n" };
        var streamBytes = new Option<long?>("--stream-bytes-per-second") { Description = "Hold every stream to this many bytes per second, each on its own (off by default).", HelpName = "n" };
        foreach (var option in new[] { port, rows })
            option.Validators.Add(NonNegative);
        streamRows.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } value && !(value > 0))
                r.AddError("--stream-rows-per-second must be a positive number.");
        });
        streamBytes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is <= 0)
                r.AddError("--stream-bytes-per-second must be a positive number.");
        });
        var command = new Command("emulator", "Run the local OWOX emulator until Ctrl+C: prints its URL and an API key.")
        {
            port, host, data, rows, tokenLifetime, hourLimit, dayLimit, streamRows, streamBytes,
        };
        command.SetAction((result, cancellationToken) => EmulatorRunner.RunAsync(
            new EmulatorArguments(
                result.GetValue(port),
                result.GetValue(host) ?? "127.0.0.1",
                result.GetValue(data),
                result.GetValue(rows),
                result.GetValue(tokenLifetime),
                result.GetValue(hourLimit),
                result.GetValue(dayLimit),
                result.GetValue(streamRows),
                result.GetValue(streamBytes)),
            console,
            cancellationToken));
        return command;
    }

    private static void NonNegative(OptionResult result)
    {
        if (result.GetValueOrDefault<int>() < 0)
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{result.Option.Name} must not be negative."));
    }
}
