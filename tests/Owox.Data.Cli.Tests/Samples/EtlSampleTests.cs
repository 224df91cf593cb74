using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Data.Sqlite;
using Owox.Data.Emulator;
using Owox.Data.Samples.Etl;

namespace Owox.Data.Cli.Tests.Samples;

public class EtlSampleTests(SampleEmulatorFixture fixture) : IClassFixture<SampleEmulatorFixture>
{
    private const string Table = "ad_performance";

    private static EtlOptions Options(string databasePath, TextWriter? log = null) => new()
    {
        DataMartId = DemoMarts.AdPerformance,
        DatabasePath = databasePath,
        TableName = Table,
        From = SampleEmulatorFixture.FirstDate,
        To = SampleEmulatorFixture.FirstDate.AddDays(DemoMarts.DateSpanDays),
        BatchSize = 3,
        Log = log ?? TextWriter.Null,
    };

    private static IEnumerable<AdPerformanceRow> DemoRows => Enumerable.Range(0, SampleEmulatorFixture.DemoRows).Select(DemoMarts.AdPerformanceRow);

    private static Dictionary<string, long> ExpectedPerMonth() => EtlTargetQueries.ExpectedPerMonth(SampleEmulatorFixture.DemoRows);

    private static SqliteConnection OpenTarget(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static Dictionary<string, long> CheckpointedPartitions(string path) => EtlTargetQueries.CheckpointedPartitions(() => OpenTarget(path), Table);

    private static Dictionary<string, long> LoadedPerPartition(string path) => EtlTargetQueries.LoadedPerPartition(() => OpenTarget(path), Table);

    [Fact]
    public async Task Loads_every_row_with_its_values_and_records_every_partition()
    {
        var path = fixture.TempFile("etl.db");
        using var log = new StringWriter();

        var result = await EtlJob.RunAsync(fixture.ApiKey, Options(path, log));

        Assert.True(result.Succeeded, log.ToString());
        Assert.Equal(24, result.Partitions.Count);
        Assert.All(result.Partitions, p => Assert.Equal(EtlPartitionStatus.Loaded, p.Status));
        Assert.All(result.Partitions, p => Assert.Equal(p.Rows, p.OwoxRows));
        Assert.Equal(SampleEmulatorFixture.DemoRows, result.RowsLoaded);
        Assert.Equal(ExpectedPerMonth(), CheckpointedPartitions(path));
        Assert.Contains("rows/s", log.ToString(), StringComparison.Ordinal);

        // The schema follows the reader's: CLR types → SQLite affinities.
        using var target = OpenTarget(path);
        var declared = target.Query<(string Name, string Type)>($"SELECT name, type FROM pragma_table_info('{Table}')").ToDictionary(c => c.Name, c => c.Type);
        Assert.Equal([.. DemoMarts.AdPerformanceColumns, "_partition"], declared.Keys);
        Assert.Equal("INTEGER", declared["impressions"]);
        Assert.Equal("REAL", declared["ctr"]);
        Assert.Equal("INTEGER", declared["is_active"]);
        Assert.Equal("TEXT", declared["cost"]);

        // Every value read back equals the generator's (dates are unique with 200 rows, so they identify the row).
        var byDate = DemoRows.ToDictionary(r => r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        using var command = target.CreateCommand();
        command.CommandText = $"SELECT date, campaign, channel, country, impressions, clicks, conversions, cost, revenue, ctr, is_active, created_at, notes, _partition FROM {Table}";
        using var reader = command.ExecuteReader();
        var seen = 0;
        while (reader.Read())
        {
            seen++;
            var expected = byDate[reader.GetString(0)];
            Assert.Equal(expected.Campaign, reader.GetString(1));
            Assert.Equal(expected.Channel, reader.IsDBNull(2) ? null : reader.GetString(2));
            Assert.Equal(expected.Country, reader.GetString(3));
            Assert.Equal(expected.Impressions, reader.GetInt64(4));
            Assert.Equal(expected.Clicks, reader.GetInt64(5));
            Assert.Equal(expected.Conversions, reader.GetInt64(6));
            Assert.Equal(expected.Cost, decimal.Parse(reader.GetString(7), CultureInfo.InvariantCulture));
            Assert.Equal(expected.Revenue, reader.IsDBNull(8) ? null : decimal.Parse(reader.GetString(8), CultureInfo.InvariantCulture));
            Assert.Equal(expected.Ctr, reader.GetDouble(9));
            Assert.Equal(expected.IsActive, reader.GetInt64(10) == 1);
            Assert.Equal(expected.CreatedAt, DateTime.Parse(reader.GetString(11), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
            Assert.Equal(expected.Notes, reader.IsDBNull(12) ? null : reader.GetString(12));
            Assert.Equal(expected.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture), reader.GetString(13));
        }
        Assert.Equal(SampleEmulatorFixture.DemoRows, seen);
    }

    [Fact]
    public async Task A_second_run_skips_completed_partitions_without_requesting_them()
    {
        var path = fixture.TempFile("etl.db");
        Assert.True((await EtlJob.RunAsync(fixture.ApiKey, Options(path))).Succeeded);

        var requestsBefore = fixture.Emulator.DataRequestCount;
        var second = await EtlJob.RunAsync(fixture.ApiKey, Options(path));

        Assert.Equal(requestsBefore, fixture.Emulator.DataRequestCount);
        Assert.True(second.Succeeded);
        Assert.All(second.Partitions, p => Assert.Equal(EtlPartitionStatus.Skipped, p.Status));
        Assert.Equal(0, second.RowsLoaded);
        Assert.Equal(ExpectedPerMonth(), LoadedPerPartition(path));
    }

    [Fact]
    public async Task A_cut_stream_fails_its_partition_unrecorded_and_a_rerun_completes_it_exactly()
    {
        var path = fixture.TempFile("etl.db");
        var firstPartition = SampleEmulatorFixture.FirstDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.True(ExpectedPerMonth()[firstPartition] > 5, "the first partition must be cut mid-stream");
        var fault = fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.CutMidRow, DataMartId = DemoMarts.AdPerformance, AfterRows = 5, Times = 1 });
        try
        {
            using var log = new StringWriter();
            var cut = await EtlJob.RunAsync(fixture.ApiKey, Options(path, log));

            Assert.False(cut.Succeeded);
            var failed = Assert.Single(cut.Partitions, p => p.Status == EtlPartitionStatus.Failed);
            Assert.Equal(firstPartition, failed.Partition);
            Assert.Contains("FAILED", log.ToString(), StringComparison.Ordinal);
            Assert.Equal(23, cut.Partitions.Count(p => p.Status == EtlPartitionStatus.Loaded));
            Assert.DoesNotContain(firstPartition, CheckpointedPartitions(path).Keys);
            Assert.DoesNotContain(firstPartition, LoadedPerPartition(path).Keys);   // no partial rows left behind
        }
        finally
        {
            fixture.Emulator.Faults.Remove(fault);
        }

        var requestsBefore = fixture.Emulator.DataRequestCount;
        var rerun = await EtlJob.RunAsync(fixture.ApiKey, Options(path));

        Assert.True(rerun.Succeeded);
        var loaded = Assert.Single(rerun.Partitions, p => p.Status == EtlPartitionStatus.Loaded);
        Assert.Equal(firstPartition, loaded.Partition);
        Assert.Equal(ExpectedPerMonth()[firstPartition], loaded.Rows);
        Assert.Equal(loaded.Rows, loaded.OwoxRows);
        Assert.Equal(2, fixture.Emulator.DataRequestCount - requestsBefore);   // the partition and the count check
        Assert.Equal(ExpectedPerMonth(), LoadedPerPartition(path));
        Assert.Equal(ExpectedPerMonth(), CheckpointedPartitions(path));
    }

    [Fact]
    public async Task A_run_cancelled_mid_partition_deletes_the_batches_it_had_committed()
    {
        var path = fixture.TempFile("etl.db");
        var firstPartition = SampleEmulatorFixture.FirstDate.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.True(ExpectedPerMonth()[firstPartition] > 5, "the first partition must stall mid-stream");
        // Five rows arrive (a batch of three is committed), then the stream stalls until the run is cancelled.
        var fault = fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Stall, DataMartId = DemoMarts.AdPerformance, AfterRows = 5, Times = 1 });
        try
        {
            using var cancel = new CancellationTokenSource();
            var run = EtlJob.RunAsync(fixture.ApiKey, Options(path), cancel.Token);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (CommittedRows(path) < 3)
            {
                Assert.True(DateTime.UtcNow < deadline, "the first batch was never committed");
                await Task.Delay(20);
            }

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }
        finally
        {
            fixture.Emulator.Faults.Remove(fault);
        }
        Assert.Equal(0, CommittedRows(path));
        Assert.Empty(CheckpointedPartitions(path));
    }

    /// <summary>Rows in the target table so far (0 before the job creates it).</summary>
    private static long CommittedRows(string path)
    {
        using var target = OpenTarget(path);
        return target.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @Table", new { Table }) == 0
            ? 0
            : target.ExecuteScalar<long>($"SELECT COUNT(*) FROM {Table}");
    }

    [Fact]
    public async Task Day_partitions_cover_a_clipped_range()
    {
        var path = fixture.TempFile("etl.db");
        var options = Options(path);
        options.Partitioning = EtlPartitioning.Day;
        options.From = new DateOnly(2025, 1, 1);
        options.To = new DateOnly(2025, 3, 1);

        var result = await EtlJob.RunAsync(fixture.ApiKey, options);

        Assert.True(result.Succeeded);
        Assert.Equal(59, result.Partitions.Count);
        var expected = DemoRows.Where(r => r.Date >= options.From && r.Date < options.To)
            .ToDictionary(r => r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _ => 1L);
        Assert.Equal(expected.Count, result.RowsLoaded);
        Assert.Equal(expected, LoadedPerPartition(path));
        Assert.Equal(59, CheckpointedPartitions(path).Count);
    }

    [Fact]
    public void Month_partitions_are_clipped_to_the_range()
    {
        var options = new EtlOptions { From = new DateOnly(2025, 1, 15), To = new DateOnly(2025, 3, 10) };
        Assert.Equal(
            [("2025-01", new DateOnly(2025, 1, 15), new DateOnly(2025, 2, 1)), ("2025-02", new DateOnly(2025, 2, 1), new DateOnly(2025, 3, 1)), ("2025-03", new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 10))],
            EtlJob.Partitions(options).ToList());
    }

    [Fact]
    public async Task Column_types_map_to_sqlite_affinities_and_postgres_copy_types()
    {
        await using var owox = new OwoxConnection(fixture.ApiKey);
        await owox.OpenAsync();
        await using var command = new OwoxCommand(DemoMarts.AdPerformance, owox);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SchemaOnly);
        var columns = reader.GetColumnSchema().ToDictionary(c => c.ColumnName);

        Assert.Equal("TEXT", SqliteEtlTarget.Affinity(columns["date"].DataType));
        Assert.Equal("INTEGER", SqliteEtlTarget.Affinity(columns["clicks"].DataType));
        Assert.Equal("REAL", SqliteEtlTarget.Affinity(columns["ctr"].DataType));
        Assert.Equal(("date", NpgsqlTypes.NpgsqlDbType.Date), PostgresEtlTarget.ColumnType(columns["date"]));
        Assert.Equal(("bigint", NpgsqlTypes.NpgsqlDbType.Bigint), PostgresEtlTarget.ColumnType(columns["impressions"]));
        Assert.Equal(("numeric", NpgsqlTypes.NpgsqlDbType.Numeric), PostgresEtlTarget.ColumnType(columns["cost"]));
        Assert.Equal(("double precision", NpgsqlTypes.NpgsqlDbType.Double), PostgresEtlTarget.ColumnType(columns["ctr"]));
        Assert.Equal(("boolean", NpgsqlTypes.NpgsqlDbType.Boolean), PostgresEtlTarget.ColumnType(columns["is_active"]));
        Assert.Equal(("timestamptz", NpgsqlTypes.NpgsqlDbType.TimestampTz), PostgresEtlTarget.ColumnType(columns["created_at"]));
        Assert.Equal(("text", NpgsqlTypes.NpgsqlDbType.Text), PostgresEtlTarget.ColumnType(columns["campaign"]));

        // An Athena TIMESTAMP is wall-clock time (Kind=Unspecified), its TIMESTAMP WITH TIME ZONE an instant.
        await using var athena = await new OwoxCommand(DemoMarts.Athena, owox).ExecuteReaderAsync(System.Data.CommandBehavior.SchemaOnly);
        var athenaColumns = athena.GetColumnSchema().ToDictionary(c => c.ColumnName);
        Assert.Equal(DateTimeKind.Unspecified, ((OwoxDbColumn)athenaColumns["ts"]).DateTimeKind);
        Assert.Equal(("timestamp", NpgsqlTypes.NpgsqlDbType.Timestamp), PostgresEtlTarget.ColumnType(athenaColumns["ts"]));
        Assert.Equal(("timestamptz", NpgsqlTypes.NpgsqlDbType.TimestampTz), PostgresEtlTarget.ColumnType(athenaColumns["tstz"]));
        Assert.Null(((OwoxDbColumn)athenaColumns["small"]).DateTimeKind);
    }

    [Fact]
    public Task A_count_that_differs_from_OWOX_fails_the_run_and_unrecords_the_partition()
    {
        var path = fixture.TempFile("etl.db");
        return EtlTargetQueries.AssertACountMismatchFailsTheRunAndARerunReloadsThePartitionAsync(
            fixture.ApiKey, log => Options(path, log), () => OpenTarget(path), Table, ExpectedPerMonth());
    }
}
