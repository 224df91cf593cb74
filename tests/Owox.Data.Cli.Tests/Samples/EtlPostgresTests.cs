using System;
using System.Collections.Generic;
using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Npgsql;
using Owox.Data.Emulator;
using Owox.Data.Samples.Etl;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Cli.Tests.Samples;

/// <summary>
/// The ETL sample's PostgreSQL target for real: <see cref="EtlJob.RunAsync"/> (and the owox-etl command) from the emulator
/// into a throw-away PostgreSQL server (<see cref="PostgresServerFixture"/>), a fresh database per test.
/// </summary>
public partial class EtlPostgresTests(EtlPostgresTests.DemoMartFixture emulator, PostgresServerFixture server)
    : IClassFixture<EtlPostgresTests.DemoMartFixture>, IClassFixture<PostgresServerFixture>, IDisposable
{
    private const string Table = "ad_performance";
    private static readonly DateOnly FirstDate = new(2024, 11, 1);

    /// <summary>The emulator with a few thousand demo rows: several a day, about 125 a month.</summary>
    public sealed class DemoMartFixture() : EmulatorFixture(Rows)
    {
        public const int Rows = 3000;
    }

    public void Dispose()
    {
        emulator.Emulator.Faults.Clear();
        GC.SuppressFinalize(this);
    }

    private static EtlOptions Options(string postgres, TextWriter? log = null) => new()
    {
        DataMartId = DemoMarts.AdPerformance,
        PostgresConnectionString = postgres,
        TableName = Table,
        From = FirstDate,
        To = FirstDate.AddDays(DemoMarts.DateSpanDays),
        Log = log ?? TextWriter.Null,
    };

    private static IEnumerable<AdPerformanceRow> DemoRows => Enumerable.Range(0, DemoMartFixture.Rows).Select(DemoMarts.AdPerformanceRow);

    private static Dictionary<string, long> ExpectedPerMonth() => EtlTargetQueries.ExpectedPerMonth(DemoMartFixture.Rows);

    private static NpgsqlConnection Open(string postgres)
    {
        var connection = new NpgsqlConnection(postgres);
        connection.Open();
        return connection;
    }

    private static Dictionary<string, long> CheckpointedPartitions(string postgres) => EtlTargetQueries.CheckpointedPartitions(() => Open(postgres), Table);

    private static Dictionary<string, long> LoadedPerPartition(string postgres) => EtlTargetQueries.LoadedPerPartition(() => Open(postgres), Table);

    /// <summary>Rows in the table, and how many distinct rows: a row loaded twice makes them differ.</summary>
    private static (long Rows, long Distinct) RowCounts(string postgres)
    {
        using var pg = Open(postgres);
        return pg.QuerySingle<(long, long)>($"SELECT COUNT(*), COUNT(DISTINCT created_at) FROM {Table}");
    }

    [GeneratedRegex(@"^(?<partition>\d{4}-\d{2}): (?<what>[\d,]+ rows loaded|streaming) \| (?<total>[\d,]+) rows, [\d,]+ rows/s, \d{2}:\d{2}:\d{2}$", RegexOptions.Multiline)]
    private static partial Regex ProgressLine();

    private static long Number(string text) => long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [PostgresFact]
    public async Task Loads_every_row_with_its_values_and_column_types_and_reports_progress()
    {
        var postgres = await server.CreateDatabaseAsync();
        using var log = new StringWriter();
        var options = Options(postgres, log);
        options.ProgressInterval = TimeSpan.Zero;   // a progress line every 1,024 rows, inside partitions too

        var result = await EtlJob.RunAsync(emulator.ApiKey, options);

        Assert.True(result.Succeeded, log.ToString());
        Assert.Equal(24, result.Partitions.Count);
        Assert.All(result.Partitions, p => Assert.Equal(EtlPartitionStatus.Loaded, p.Status));
        Assert.All(result.Partitions, p => Assert.Equal(p.Rows, p.OwoxRows));
        Assert.Equal(DemoMartFixture.Rows, result.RowsLoaded);
        Assert.Equal(ExpectedPerMonth(), CheckpointedPartitions(postgres));
        Assert.Equal(ExpectedPerMonth(), LoadedPerPartition(postgres));

        // Progress: a line per partition with its rows, and running totals (rows, rows/s, elapsed) that end at the rows loaded.
        var lines = ProgressLine().Matches(log.ToString()).ToList();
        var partitionLines = lines.Where(l => l.Groups["what"].Value != "streaming").ToList();
        Assert.Equal(ExpectedPerMonth(), partitionLines.ToDictionary(l => l.Groups["partition"].Value, l => Number(l.Groups["what"].Value.Split(' ')[0])));
        Assert.Equal(DemoMartFixture.Rows, Number(partitionLines[^1].Groups["total"].Value));
        var streaming = lines.Where(l => l.Groups["what"].Value == "streaming").Select(l => Number(l.Groups["total"].Value)).ToList();
        Assert.Equal(Enumerable.Range(1, DemoMartFixture.Rows / 1024).Select(i => i * 1024L), streaming);

        // Column types follow the reader's: an instant (DateTimeKind Utc) is timestamptz, NUMERIC stays exact.
        await using var pg = Open(postgres);
        var declared = (await pg.QueryAsync<(string Name, string Type)>(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = @Table ORDER BY ordinal_position", new { Table }))
            .ToList();
        Assert.Equal([.. DemoMarts.AdPerformanceColumns, "_partition"], declared.Select(c => c.Name));
        Assert.Equal(
            ["date", "text", "text", "text", "bigint", "bigint", "bigint", "numeric", "numeric", "double precision", "boolean", "timestamp with time zone", "text", "text"],
            declared.Select(c => c.Type));

        // Every value read back equals the generator's (created_at identifies a row; the dictionary proves it is unique).
        var byCreatedAt = DemoRows.ToDictionary(r => r.CreatedAt);
        var seen = new HashSet<DateTime>();
        await using var command = new NpgsqlCommand($"SELECT {string.Join(", ", DemoMarts.AdPerformanceColumns)}, _partition FROM {Table}", pg);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var createdAt = reader.GetDateTime(11);
            Assert.Equal(DateTimeKind.Utc, createdAt.Kind);
            Assert.True(seen.Add(createdAt), $"row created at {createdAt:O} loaded twice");
            var expected = byCreatedAt[createdAt];
            Assert.Equal(expected.Date, reader.GetFieldValue<DateOnly>(0));
            Assert.Equal(expected.Campaign, reader.GetString(1));
            Assert.Equal(expected.Channel, reader.IsDBNull(2) ? null : reader.GetString(2));
            Assert.Equal(expected.Country, reader.GetString(3));
            Assert.Equal(expected.Impressions, reader.GetInt64(4));
            Assert.Equal(expected.Clicks, reader.GetInt64(5));
            Assert.Equal(expected.Conversions, reader.GetInt64(6));
            Assert.Equal(expected.Cost, reader.GetDecimal(7));
            Assert.Equal(expected.Revenue, reader.IsDBNull(8) ? null : reader.GetDecimal(8));
            Assert.Equal(expected.Ctr, reader.GetDouble(9));
            Assert.Equal(expected.IsActive, reader.GetBoolean(10));
            Assert.Equal(expected.Notes, reader.IsDBNull(12) ? null : reader.GetString(12));
            Assert.Equal(expected.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture), reader.GetString(13));
        }
        Assert.Equal(DemoMartFixture.Rows, seen.Count);
        Assert.Contains(DemoRows, r => r.Channel is null);
        Assert.Contains(DemoRows, r => r.Revenue is null);
    }

    /// <summary>Every warehouse flavour, partitioned on its DATE column: each value lands as the provider reads it, in a column of the matching type.</summary>
    [PostgresTheory]
    [InlineData(DemoMarts.BigQuery, "day", "ts", "dt")]
    [InlineData(DemoMarts.Athena, "day", "tstz", "ts")]
    [InlineData(DemoMarts.Redshift, "day", "tstz", "ts")]
    [InlineData(DemoMarts.Databricks, "day", "ts", "ntz")]
    [InlineData(DemoMarts.Snowflake, "DAY", null, null)]
    public async Task Values_and_column_types_match_the_data_mart_in_every_warehouse_flavour(string dataMartId, string dateColumn, string? instant, string? wallClock)
    {
        var postgres = await server.CreateDatabaseAsync();
        using var log = new StringWriter();
        var options = new EtlOptions
        {
            DataMartId = dataMartId,
            PostgresConnectionString = postgres,
            TableName = "flavour",
            DateColumn = dateColumn,
            From = new DateOnly(2024, 1, 1),
            To = new DateOnly(2027, 1, 1),
            Log = log,
        };

        var result = await EtlJob.RunAsync(emulator.ApiKey, options);

        Assert.True(result.Succeeded, log.ToString());

        // What the provider reads from the data mart over the same range, keyed by the first column (the id).
        await using var owox = await emulator.OpenAsync();
        await using var source = owox.CreateCommand();
        source.CommandText = $"SELECT * FROM {EtlJob.Quote(dataMartId)} WHERE {EtlJob.Quote(dateColumn)} >= @from AND {EtlJob.Quote(dateColumn)} < @to";
        source.Parameters.AddWithValue("from", options.From);
        source.Parameters.AddWithValue("to", options.To);
        await using var expected = await source.ExecuteReaderAsync();
        var columns = expected.GetColumnSchema().Cast<OwoxDbColumn>().ToList();
        var expectedRows = new Dictionary<object, object[]>();
        while (await expected.ReadAsync())
        {
            var values = new object[columns.Count];
            expected.GetValues(values);
            expectedRows.Add(values[0], values);
        }
        Assert.NotEmpty(expectedRows);
        Assert.Equal(expectedRows.Count, result.RowsLoaded);

        await using var pg = Open(postgres);
        await using var command = new NpgsqlCommand("SELECT * FROM flavour", pg);
        await using var loaded = await command.ExecuteReaderAsync();
        // A DateTime column is a date, an instant (DateTimeKind Utc: timestamptz) or wall-clock time (Unspecified: timestamp).
        var ordinals = columns.Select(c => loaded.GetOrdinal(c.ColumnName)).ToArray();
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].DataType != typeof(DateTime))
                continue;
            var type = string.Equals(columns[i].DataTypeName, "DATE", StringComparison.OrdinalIgnoreCase) ? "date"
                : columns[i].DateTimeKind == DateTimeKind.Utc ? "timestamp with time zone"
                : "timestamp without time zone";
            Assert.Equal(type, loaded.GetDataTypeName(ordinals[i]));
        }
        if (instant is not null)
            Assert.Equal("timestamp with time zone", loaded.GetDataTypeName(loaded.GetOrdinal(instant)));
        if (wallClock is not null)
            Assert.Equal("timestamp without time zone", loaded.GetDataTypeName(loaded.GetOrdinal(wallClock)));

        // Every value reads back as the provider's CLR type with the provider's value (a DateTime with its Kind).
        var rows = 0;
        while (await loaded.ReadAsync())
        {
            rows++;
            var row = expectedRows[loaded.GetValue(ordinals[0])];
            for (var i = 0; i < columns.Count; i++)
            {
                var value = loaded.IsDBNull(ordinals[i]) ? DBNull.Value : ReadAs(loaded, ordinals[i], columns[i].DataType!);
                Assert.True(Equals(row[i], value) || row[i] is byte[] bytes && value is byte[] copied && bytes.SequenceEqual(copied),
                    $"{columns[i].ColumnName} ({columns[i].DataTypeName}): loaded {value} ({loaded.GetDataTypeName(ordinals[i])}), the data mart has {row[i]} ({row[i].GetType().Name})");
                if (row[i] is DateTime dateTime)
                    Assert.Equal(dateTime.Kind, ((DateTime)value).Kind);
            }
        }
        Assert.Equal(expectedRows.Count, rows);
        Assert.Contains(expectedRows.Values, r => r.Any(v => v is DBNull));
    }

    [PostgresFact]
    public async Task A_rerun_skips_completed_partitions_and_a_reloaded_partition_replaces_its_rows()
    {
        var postgres = await server.CreateDatabaseAsync();
        Assert.True((await EtlJob.RunAsync(emulator.ApiKey, Options(postgres))).Succeeded);

        var requestsBefore = emulator.Emulator.DataRequestCount;
        var second = await EtlJob.RunAsync(emulator.ApiKey, Options(postgres));

        Assert.Equal(requestsBefore, emulator.Emulator.DataRequestCount);
        Assert.True(second.Succeeded);
        Assert.All(second.Partitions, p => Assert.Equal(EtlPartitionStatus.Skipped, p.Status));
        Assert.Equal(ExpectedPerMonth(), second.Partitions.ToDictionary(p => p.Partition, p => p.Rows));
        Assert.Equal(0, second.RowsLoaded);
        Assert.Equal((DemoMartFixture.Rows, DemoMartFixture.Rows), RowCounts(postgres));

        // Without its checkpoint, a partition is loaded again: its rows are replaced, not added.
        await using (var pg = Open(postgres))
            await pg.ExecuteAsync("DELETE FROM _owox_etl_checkpoints WHERE partition = '2025-06'");
        var third = await EtlJob.RunAsync(emulator.ApiKey, Options(postgres));

        Assert.True(third.Succeeded);
        var reloaded = Assert.Single(third.Partitions, p => p.Status == EtlPartitionStatus.Loaded);
        Assert.Equal("2025-06", reloaded.Partition);
        Assert.Equal(ExpectedPerMonth()["2025-06"], reloaded.Rows);
        Assert.Equal(ExpectedPerMonth(), LoadedPerPartition(postgres));
        Assert.Equal((DemoMartFixture.Rows, DemoMartFixture.Rows), RowCounts(postgres));
    }

    [PostgresFact]
    public async Task A_stream_cut_mid_partition_rolls_the_partition_back_and_a_resumed_run_ends_with_the_exact_count()
    {
        var postgres = await server.CreateDatabaseAsync();
        const string cutPartition = "2025-05";
        var cutAfter = (int)(ExpectedPerMonth()[cutPartition] / 2);
        // Once 2025-04 is committed, the next request (2025-05's) is cut in the middle of a row.
        using var log = new LogHook("2025-04: ", "rows loaded", () => emulator.Emulator.Faults.Add(
            new FaultRule { Kind = FaultKind.CutMidRow, DataMartId = DemoMarts.AdPerformance, AfterRows = cutAfter, Times = 1 }));

        var cut = await EtlJob.RunAsync(emulator.ApiKey, Options(postgres, log));

        Assert.False(cut.Succeeded);
        var failed = Assert.Single(cut.Partitions, p => p.Status == EtlPartitionStatus.Failed);
        Assert.Equal(cutPartition, failed.Partition);
        Assert.Contains($"after {cutAfter} rows", failed.Error, StringComparison.Ordinal);
        Assert.Contains($"{cutPartition}: FAILED", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(23, cut.Partitions.Count(p => p.Status == EtlPartitionStatus.Loaded));
        Assert.DoesNotContain(cutPartition, CheckpointedPartitions(postgres).Keys);
        Assert.DoesNotContain(cutPartition, LoadedPerPartition(postgres).Keys);   // the COPY was rolled back
        Assert.Equal(DemoMartFixture.Rows - ExpectedPerMonth()[cutPartition], RowCounts(postgres).Rows);

        var requestsBefore = emulator.Emulator.DataRequestCount;
        var resumed = await EtlJob.RunAsync(emulator.ApiKey, Options(postgres));

        Assert.True(resumed.Succeeded);
        var loaded = Assert.Single(resumed.Partitions, p => p.Status == EtlPartitionStatus.Loaded);
        Assert.Equal(cutPartition, loaded.Partition);
        Assert.Equal(ExpectedPerMonth()[cutPartition], loaded.Rows);
        Assert.Equal(loaded.Rows, loaded.OwoxRows);
        Assert.Equal(2, emulator.Emulator.DataRequestCount - requestsBefore);   // the partition and the count check
        Assert.Equal(ExpectedPerMonth(), LoadedPerPartition(postgres));
        Assert.Equal(ExpectedPerMonth(), CheckpointedPartitions(postgres));
        Assert.Equal((DemoMartFixture.Rows, DemoMartFixture.Rows), RowCounts(postgres));
    }

    [PostgresFact]
    public async Task A_run_cancelled_mid_stream_keeps_its_completed_partitions_and_a_resumed_run_loads_the_rest()
    {
        var postgres = await server.CreateDatabaseAsync();
        using var cancel = new CancellationTokenSource();
        // The first in-partition progress line (row 1,024 of the run) cancels, as Ctrl+C does in owox-etl.
        using var log = new LogHook("", "streaming", cancel.Cancel);
        var options = Options(postgres, log);
        options.ProgressInterval = TimeSpan.Zero;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => EtlJob.RunAsync(emulator.ApiKey, options, cancel.Token));

        var lines = ProgressLine().Matches(log.ToString()).ToList();
        var interrupted = Assert.Single(lines, l => l.Groups["what"].Value == "streaming").Groups["partition"].Value;
        var completed = lines.Where(l => l.Groups["what"].Value != "streaming").Select(l => l.Groups["partition"].Value).ToList();
        Assert.NotEmpty(completed);
        Assert.DoesNotContain(interrupted, completed);
        var expected = ExpectedPerMonth();
        Assert.Equal(completed.ToDictionary(p => p, p => expected[p]), CheckpointedPartitions(postgres));
        Assert.Equal(completed.ToDictionary(p => p, p => expected[p]), LoadedPerPartition(postgres));   // nothing of the interrupted one

        var resumed = await EtlJob.RunAsync(emulator.ApiKey, Options(postgres));

        Assert.True(resumed.Succeeded);
        Assert.Equal(completed, resumed.Partitions.Where(p => p.Status == EtlPartitionStatus.Skipped).Select(p => p.Partition));
        Assert.Equal(24 - completed.Count, resumed.Partitions.Count(p => p.Status == EtlPartitionStatus.Loaded));
        Assert.Equal(interrupted, resumed.Partitions.First(p => p.Status == EtlPartitionStatus.Loaded).Partition);
        Assert.Equal(expected, LoadedPerPartition(postgres));
        Assert.Equal(expected, CheckpointedPartitions(postgres));
        Assert.Equal((DemoMartFixture.Rows, DemoMartFixture.Rows), RowCounts(postgres));
    }

    [PostgresFact]
    public async Task A_count_that_differs_from_OWOX_fails_the_run_and_unrecords_the_partition()
    {
        var postgres = await server.CreateDatabaseAsync();
        await EtlTargetQueries.AssertACountMismatchFailsTheRunAndARerunReloadsThePartitionAsync(
            emulator.ApiKey, log => Options(postgres, log), () => Open(postgres), Table, ExpectedPerMonth());
    }

    [PostgresFact]
    public async Task The_owox_etl_command_loads_into_postgres_with_the_postgres_option()
    {
        var postgres = await server.CreateDatabaseAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                typeof(EtlJob).Assembly.Location, DemoMarts.AdPerformance, "--key", emulator.ApiKey, "--table", Table,
                "--from", "2024-11-01", "--to", "2025-01-01", "--postgres", postgres,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains("into PostgreSQL", await stderr, StringComparison.Ordinal);
        Assert.Equal(2, ProgressLine().Count(await stderr));
        var expected = ExpectedPerMonth().Where(p => p.Key is "2024-11" or "2024-12").ToDictionary();
        Assert.Equal(expected, LoadedPerPartition(postgres));
        Assert.Equal(expected, CheckpointedPartitions(postgres));
    }

    /// <summary>A PostgreSQL value as a value of the provider's CLR type (Npgsql reads date as DateOnly and time as TimeOnly unless asked).</summary>
    private static object ReadAs(NpgsqlDataReader reader, int ordinal, Type type) =>
        type == typeof(DateTime) ? reader.GetFieldValue<DateTime>(ordinal)
        : type == typeof(TimeSpan) ? reader.GetFieldValue<TimeSpan>(ordinal)
        : reader.GetValue(ordinal);
}
