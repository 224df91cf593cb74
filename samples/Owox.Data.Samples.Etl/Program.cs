using System;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Samples.Etl;

/// <summary>
/// owox-etl: loads a data mart into a SQLite file (or PostgreSQL), one date partition at a time, resumable.
/// Without a key (--key or OWOX_API_KEY) it starts the local emulator in-process and loads its demo data mart.
/// </summary>
internal static class Program
{
    private const string Usage = """
        usage: owox-etl [data-mart-id] [--key owox_key_...] [--db owox.db] [--table name] [--from yyyy-MM-dd] [--to yyyy-MM-dd]
                        [--partition month|day] [--date-column date] [--batch-size N] [--postgres "Host=...;Database=...;..."]

          data-mart-id   the data mart to load (default with the emulator: its demo mart)
          --key          the OWOX API key; defaults to $OWOX_API_KEY; without one the local emulator is used
          --db           the SQLite file (default owox.db); the checkpoint table lives there too
          --table        the target table (default owox_<data-mart-id>)
          --from, --to   the date range [from, to); --from is required with a key, --to defaults to tomorrow (UTC)
          --partition    month (default) or day: the unit that is loaded, checked and recorded at once
          --date-column  the DATE/TIMESTAMP column partitions are cut on (default date)
          --batch-size   rows per SQLite transaction (default 5000)
          --postgres     load into PostgreSQL instead (Npgsql connection string; binary COPY, one transaction per partition)

        Exit code: 0 all partitions loaded or skipped; 1 a partition failed or its count did not match OWOX; 2 bad arguments; 130 cancelled.
        """;

    private static async Task<int> Main(string[] args)
    {
        var key = Environment.GetEnvironmentVariable("OWOX_API_KEY");
        var options = new EtlOptions { Log = Console.Error };
        DateOnly? from = null, to = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--key" when value is not null: key = value; i++; break;
                case "--postgres" when value is not null: options.PostgresConnectionString = value; i++; break;
                case "--db" when value is not null: options.DatabasePath = value; i++; break;
                case "--table" when value is not null: options.TableName = value; i++; break;
                case "--date-column" when value is not null: options.DateColumn = value; i++; break;
                case "--from" when TryParseDate(value, out var f): from = f; i++; break;
                case "--to" when TryParseDate(value, out var t): to = t; i++; break;
                case "--partition" when value is "month" or "day": options.Partitioning = value == "day" ? EtlPartitioning.Day : EtlPartitioning.Month; i++; break;
                case "--batch-size" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0: options.BatchSize = n; i++; break;
                case "-h" or "--help": Console.WriteLine(Usage); return 0;
                case var id when !id.StartsWith("--", StringComparison.Ordinal) && options.DataMartId.Length == 0: options.DataMartId = id; break;
                default:
                    Console.Error.WriteLine($"owox-etl: unexpected argument '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        OwoxEmulator? emulator = null;
        try
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 20_000 }, cancel.Token);
                key = emulator.ApiKey;
                if (options.DataMartId.Length == 0)
                {
                    // The demo mart spans 2024-11-01 .. 2026-10-31.
                    options.DataMartId = DemoMarts.AdPerformance;
                    options.TableName ??= "ad_performance";
                    from ??= new DateOnly(2024, 11, 1);
                    to ??= from.Value.AddDays(DemoMarts.DateSpanDays);
                }
                Console.Error.WriteLine($"No API key given: using the local OWOX emulator at {emulator.BaseAddress}.");
            }
            if (options.DataMartId.Length == 0 || from is null)
            {
                Console.Error.WriteLine("owox-etl: give a data-mart id and --from.");
                Console.Error.WriteLine(Usage);
                return 2;
            }
            options.From = from.Value;
            options.To = to ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
            if (options.To <= options.From)
            {
                Console.Error.WriteLine("owox-etl: --to must be after --from.");
                return 2;
            }

            Console.Error.WriteLine($"Loading {options.DataMartId} [{options.From:yyyy-MM-dd}, {options.To:yyyy-MM-dd}) into {(options.PostgresConnectionString is null ? options.DatabasePath : "PostgreSQL")}, table {options.EffectiveTableName}.");
            var result = await EtlJob.RunAsync(key, options, cancel.Token);
            return result.Succeeded ? 0 : 1;
        }
        catch (DbException e)   // OwoxException, SqliteException, NpgsqlException
        {
            Console.Error.WriteLine($"owox-etl: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("owox-etl: cancelled; completed partitions are recorded, rerun to resume.");
            return 130;
        }
        finally
        {
            if (emulator is not null)
                await emulator.DisposeAsync();
        }
    }

    private static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
