using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Owox.Data.Cli.Tests.Samples;
using Owox.Data.Emulator;

namespace Owox.Data.Cli.Tests;

/// <summary>owox-data --format sqlite (and --output for csv/ndjson), run in-process against the fixture's emulator.</summary>
public sealed class CliSqliteTests(SampleEmulatorFixture fixture) : IClassFixture<SampleEmulatorFixture>, IDisposable
{
    private const string Instant = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public void Dispose() => fixture.Emulator.Faults.Clear();

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    private Task<(int Exit, string Out, string Err)> RunAsync(CancellationToken cancellationToken, params string[] args) => CliRun.RunAsync(fixture.ApiKey, cancellationToken, args);

    private static SqliteConnection OpenTarget(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static List<object?[]> Query(string path, string sql)
    {
        using var target = OpenTarget(path);
        using var command = target.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        return rows;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static long Count(string path, string table) => (long)Query(path, $"SELECT COUNT(*) FROM {Quote(table)}")[0][0]!;

    private static List<string> Tables(string path) =>
        [.. Query(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").Select(r => (string)r[0]!)];

    private static Dictionary<string, string> DeclaredTypes(string path, string table) =>
        Query(path, $"SELECT name, type, \"notnull\" FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}')")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]! + ((long)r[2]! == 1 ? " NOT NULL" : string.Empty));

    private static decimal ExactDecimal(object? text) =>
        decimal.Parse((string)text!, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private async Task<long> OwoxCountAsync(string dataMartId)
    {
        await using var connection = await fixture.OpenAsync();
        await using var command = new OwoxCommand($"SELECT COUNT(*) AS n FROM \"{dataMartId}\"", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string[] Files(string path) => Directory.GetFiles(Path.GetDirectoryName(path)!).Select(f => Path.GetFileName(f)).ToArray();

    [Fact]
    public async Task Writes_the_data_mart_into_a_table_named_after_it_with_typed_columns_and_exact_values()
    {
        var path = fixture.TempFile("mart.db");

        var (exit, output, errors) = await RunAsync(DemoMarts.AdPerformance, "--format", "sqlite", "--output", path);

        Assert.True(exit == 0, errors);
        Assert.Equal(string.Empty, output);
        var owoxRows = await OwoxCountAsync(DemoMarts.AdPerformance);
        Assert.Equal(SampleEmulatorFixture.DemoRows, owoxRows);
        Assert.Contains($"{owoxRows} rows → {path} (ad_performance) in ", errors, StringComparison.Ordinal);
        Assert.Equal(["ad_performance"], Tables(path));
        Assert.Equal(owoxRows, Count(path, "ad_performance"));

        var declared = DeclaredTypes(path, "ad_performance");
        Assert.Equal(DemoMarts.AdPerformanceColumns, [.. declared.Keys]);
        Assert.Equal(
            ["TEXT NOT NULL", "TEXT NOT NULL", "TEXT", "TEXT NOT NULL", "INTEGER NOT NULL", "INTEGER NOT NULL", "INTEGER NOT NULL", "TEXT NOT NULL", "TEXT",
                "REAL NOT NULL", "INTEGER NOT NULL", "TEXT NOT NULL", "TEXT"],
            [.. declared.Values]);

        var rows = Query(path, """
            SELECT date, campaign, channel, country, impressions, clicks, conversions, cost, revenue, ctr, is_active, created_at, notes,
                   typeof(impressions), typeof(cost), typeof(ctr), typeof(is_active), typeof(created_at)
            FROM ad_performance ORDER BY rowid
            """);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = DemoMarts.AdPerformanceRow(i);
            var row = rows[i];
            Assert.Equal(expected.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(expected.Campaign, row[1]);
            Assert.Equal(expected.Channel, row[2]);
            Assert.Equal(expected.Country, row[3]);
            Assert.Equal(expected.Impressions, row[4]);
            Assert.Equal(expected.Clicks, row[5]);
            Assert.Equal(expected.Conversions, row[6]);
            Assert.Equal(expected.Cost, ExactDecimal(row[7]));
            Assert.Equal(expected.Revenue, row[8] is null ? null : ExactDecimal(row[8]));
            Assert.Equal(expected.Ctr, row[9]);
            Assert.Equal(expected.IsActive ? 1L : 0L, row[10]);
            Assert.Equal(expected.CreatedAt.ToString(Instant, CultureInfo.InvariantCulture), row[11]);
            Assert.Equal(expected.Notes, row[12]);
            Assert.Equal<object?>(["integer", "text", "real", "integer", "text"], row[13..]);
        }
        Assert.Contains(rows, r => r[2] is null);
        Assert.Contains(rows, r => r[8] is null);
    }

    [Fact]
    public async Task Dates_wall_clock_timestamps_instants_times_bytes_and_big_decimals_keep_their_meaning()
    {
        var path = fixture.TempFile("flavour.db");

        var (exit, output, errors) = await RunAsync(DemoMarts.BigQuery, "--format", "sqlite", "-o", path);

        Assert.True(exit == 0, errors);
        Assert.Equal(string.Empty, output);
        Assert.Equal(["bigquery_types"], Tables(path));
        var declared = DeclaredTypes(path, "bigquery_types");
        var expectedTypes = new Dictionary<string, string>
        {
            ["id"] = "INTEGER NOT NULL", ["name"] = "TEXT", ["amount"] = "TEXT", ["big"] = "TEXT", ["ratio"] = "REAL", ["flag"] = "INTEGER",
            ["day"] = "TEXT", ["dt"] = "TEXT", ["t"] = "TEXT", ["ts"] = "TEXT", ["payload"] = "BLOB", ["doc"] = "TEXT", ["rec.x"] = "INTEGER",
        };
        foreach (var (column, type) in expectedTypes)
            Assert.Equal(type, declared[column]);

        var rows = Query(path, "SELECT id, amount, big, ratio, flag, day, dt, t, ts, payload, doc, \"rec.x\", typeof(payload) FROM bigquery_types ORDER BY id");
        Assert.Equal(3, rows.Count);
        Assert.Equal<object?>([1L, "123.45", "1500000000000000000000", 3.14, 1L, "2026-05-01", "2026-05-01T12:34:56.1234560", "23:59:59.9999990",
            "2025-05-01T12:34:56.1230000Z", "abc"u8.ToArray(), """{"a":1}""", 7L, "blob"], rows[0]);
        Assert.Equal<object?>([2L, "0.0000001", null, -2.5, 0L, "2024-02-29", "2026-05-01T12:34:56.0000000", "12:00:00.0000000",
            "2025-05-01T12:34:56.1234000Z", Array.Empty<byte>(), """[1,{"b":null}]""", null, "blob"], rows[1]);
        Assert.Equal<object?>([3L, null, null, null, null, null, null, null, null, null, null, null, "null"], rows[2]);
    }

    [Fact]
    public async Task An_existing_table_is_refused_before_anything_is_queried_unless_replace_or_append()
    {
        var path = fixture.TempFile("existing.db");
        string[] Args(params string[] more) => [DemoMarts.AdPerformance, "--format", "sqlite", "-o", path, "--table", "ads", .. more];

        Assert.Equal(0, (await RunAsync(Args("--max-rows", "10"))).Exit);

        var requests = fixture.Emulator.DataRequestCount;
        var refused = await RunAsync(Args("--max-rows", "5"));
        Assert.Equal(2, refused.Exit);
        Assert.Contains($"table ads already exists in {path}", refused.Err, StringComparison.Ordinal);
        Assert.Contains("--replace", refused.Err, StringComparison.Ordinal);
        Assert.Contains("--append", refused.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, refused.Out);
        Assert.Equal(requests, fixture.Emulator.DataRequestCount);
        Assert.Equal(10, Count(path, "ads"));

        var replaced = await RunAsync(Args("--replace", "--max-rows", "4"));
        Assert.True(replaced.Exit == 0, replaced.Err);
        Assert.Equal(4, Count(path, "ads"));

        var appended = await RunAsync(Args("--append", "--max-rows", "3"));
        Assert.True(appended.Exit == 0, appended.Err);
        var campaigns = Query(path, "SELECT campaign FROM ads ORDER BY rowid").Select(r => (string)r[0]!);
        Assert.Equal([.. new[] { 0, 1, 2, 3, 0, 1, 2 }.Select(i => DemoMarts.AdPerformanceRow(i).Campaign)], campaigns);

        var both = await RunAsync(Args("--replace", "--append"));
        Assert.Equal(2, both.Exit);
        Assert.Contains("exclude each other", both.Err, StringComparison.Ordinal);

        using (var target = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            target.Open();
            using var view = target.CreateCommand();
            view.CommandText = "CREATE VIEW recent AS SELECT * FROM ads";
            view.ExecuteNonQuery();
        }
        var onView = await RunAsync(DemoMarts.AdPerformance, "--format", "sqlite", "-o", path, "--table", "RECENT", "--replace");
        Assert.Equal(2, onView.Exit);
        Assert.Contains("already has a view named RECENT", onView.Err, StringComparison.Ordinal);
        Assert.Equal(7, Count(path, "ads"));
    }

    [Fact]
    public async Task Append_inserts_by_column_name_and_refuses_a_table_without_the_result_columns()
    {
        var path = fixture.TempFile("append.db");
        using (var target = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            target.Open();
            using var create = target.CreateCommand();
            create.CommandText = $"""
                CREATE TABLE narrow (date TEXT, campaign TEXT, extra INTEGER);
                CREATE TABLE wide (extra INTEGER DEFAULT 7, {string.Join(", ", DemoMarts.AdPerformanceColumns.Reverse().Select(c => Quote(c.ToUpperInvariant())))});
                """;
            create.ExecuteNonQuery();
        }

        var refused = await RunAsync(DemoMarts.AdPerformance, "--format", "sqlite", "-o", path, "--table", "narrow", "--append");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("table narrow in " + path + " has no columns channel, country, impressions", refused.Err, StringComparison.Ordinal);
        Assert.Equal(0, Count(path, "narrow"));

        var appended = await RunAsync(DemoMarts.AdPerformance, "--format", "sqlite", "-o", path, "--table", "wide", "--append", "--max-rows", "3");
        Assert.True(appended.Exit == 0, appended.Err);
        var rows = Query(path, "SELECT extra, campaign, cost, date FROM wide ORDER BY rowid");
        Assert.Equal(3, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = DemoMarts.AdPerformanceRow(i);
            Assert.Equal(7L, rows[i][0]);
            Assert.Equal(expected.Campaign, rows[i][1]);
            Assert.Equal(expected.Cost, ExactDecimal(rows[i][2]));
            Assert.Equal(expected.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rows[i][3]);
        }
    }

    [Theory]
    [InlineData("--format", "sqlite")]
    [InlineData("--format", "sqlite", "--table", "ads")]
    [InlineData("-o", "{path}")]
    [InlineData("--format", "csv", "-o", "{path}", "--table", "ads")]
    [InlineData("--format", "ndjson", "--replace")]
    [InlineData("marts", "--format", "sqlite", "-o", "{path}")]
    [InlineData("--format", "sqlite", "-o", "{missing}")]
    [InlineData("--format", "sqlite", "-o", "{path}", "--table", " ")]
    [InlineData("--format", "parquet", "-o", "{path}")]
    public async Task Missing_or_misplaced_output_options_are_usage_errors(params string[] args)
    {
        var path = fixture.TempFile("usage.db");
        var missing = Path.Combine(Path.GetDirectoryName(path)!, "no-such-folder", "x.db");
        var requests = fixture.Emulator.DataRequestCount;

        var (exit, output, errors) = await RunAsync([.. args.Select(a => a.Replace("{path}", path, StringComparison.Ordinal).Replace("{missing}", missing, StringComparison.Ordinal))]);

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("owox-data: ", errors, StringComparison.Ordinal);
        Assert.Matches("--output|--table|--format|--replace", errors);
        Assert.Empty(Files(path));
        Assert.Equal(requests, fixture.Emulator.DataRequestCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("--replace")]
    [InlineData("--append")]
    public async Task A_stream_cut_mid_way_rolls_back_and_exits_1(string? existing)
    {
        var path = fixture.TempFile("cut.db");
        if (existing is not null)
            Assert.Equal(0, (await RunAsync(DemoMarts.AdPerformance, "--format", "sqlite", "-o", path, "--table", "ads", "--max-rows", "10")).Exit);
        // Every attempt is cut (Times = null): a cut whose bytes are lost in a reset looks like a connection failure,
        // which the provider rightly retries before any row was read.
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.CutMidRow, DataMartId = DemoMarts.AdPerformance, AfterRows = 120, Times = null });

        string[] args = [DemoMarts.AdPerformance, "--format", "sqlite", "-o", path, "--table", "ads"];
        var (exit, output, errors) = await RunAsync(existing is null ? args : [.. args, existing]);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("after 120 rows", errors, StringComparison.Ordinal);
        Assert.Contains($"nothing was written; {path} is as it was", errors, StringComparison.Ordinal);
        if (existing is null)
        {
            Assert.Empty(Files(path));
            return;
        }
        Assert.Equal([Path.GetFileName(path)], Files(path));
        Assert.Equal(["ads"], Tables(path));
        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => DemoMarts.AdPerformanceRow(i).Campaign),
            Query(path, "SELECT campaign FROM ads ORDER BY rowid").Select(r => (string)r[0]!));
    }

    [Fact]
    public async Task Cancelling_mid_stream_rolls_back_the_new_table_and_exits_130()
    {
        var path = fixture.TempFile("cancel.db");
        using (var target = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            target.Open();
            using var create = target.CreateCommand();
            create.CommandText = "CREATE TABLE keep (n INTEGER); INSERT INTO keep VALUES (42);";
            create.ExecuteNonQuery();
        }
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.SlowDrip, DataMartId = DemoMarts.AdPerformance, Delay = TimeSpan.FromMilliseconds(20), Times = 1 });
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2.5));

        var (exit, output, errors) = await RunAsync(cancel.Token, DemoMarts.AdPerformance, "--format", "sqlite", "-o", path, "--table", "ads");

        Assert.Equal(130, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("owox-data: cancelled.", errors, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\d+ rows, \d+ rows/s, 00:00:0\d elapsed, run id [0-9a-f-]+$", errors);
        Assert.Equal(["keep"], Tables(path));
        Assert.Equal([Path.GetFileName(path)], Files(path));
        Assert.Equal(42L, Query(path, "SELECT n FROM keep")[0][0]);
    }

    [Fact]
    public async Task Progress_lines_and_the_summary_go_to_stderr_and_nothing_to_stdout()
    {
        var path = fixture.TempFile("progress.db");
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.SlowDrip, DataMartId = DemoMarts.AdPerformance, Delay = TimeSpan.FromMilliseconds(10), Times = 1 });

        var (exit, output, errors) = await RunAsync(DemoMarts.AdPerformance, "--format", "sqlite", "-o", path, "--table", "ads");

        Assert.True(exit == 0, errors);
        Assert.Equal(string.Empty, output);
        var lines = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var progress = lines.Select(l => Regex.Match(l, @"^(\d+) rows, (\d+) rows/s, (\d\d:\d\d:\d\d) elapsed, run id [0-9a-f-]+$")).Where(m => m.Success).ToList();
        Assert.NotEmpty(progress);
        var counts = progress.Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.All(counts, c => Assert.InRange(c, 1, SampleEmulatorFixture.DemoRows));
        Assert.Equal(counts.Order(), counts);
        Assert.Matches($@"^{SampleEmulatorFixture.DemoRows} rows → {Regex.Escape(path)} \(ads\) in \d+\.\d\d s, \d+ rows/s \(run id [0-9a-f-]+\)\.$", lines[^1]);
        Assert.Equal(progress.Count + 1, lines.Length);
        Assert.Equal(SampleEmulatorFixture.DemoRows, Count(path, "ads"));
    }

    [Fact]
    public async Task A_report_goes_to_a_rows_table_other_marts_to_their_title_and_a_given_name_is_quoted()
    {
        var path = fixture.TempFile("names.db");

        var report = await RunAsync("report:" + DemoMarts.CostByCountryReport, "--format", "sqlite", "-o", path);
        Assert.True(report.Exit == 0, report.Err);
        var benchmark = await RunAsync(DemoMarts.Benchmark, "--format", "sqlite", "-o", path, "--max-rows", "1");
        Assert.True(benchmark.Exit == 0, benchmark.Err);
        const string odd = "my \"odd\" table; --";
        var quoted = await RunAsync(DemoMarts.AdPerformance, "--format", "sqlite", "-o", path, "--table", odd, "--max-rows", "2");
        Assert.True(quoted.Exit == 0, quoted.Err);

        Assert.Equal(["benchmark_pre_rendered_payload", odd, "rows"], Tables(path));
        Assert.Equal(["country", "cost | SUM", "ctr | AVG", "Row Count"], [.. DeclaredTypes(path, "rows").Keys]);
        await using var connection = await fixture.OpenAsync();
        await using var command = new OwoxCommand("report:" + DemoMarts.CostByCountryReport, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var written = Query(path, "SELECT country, \"cost | SUM\", \"Row Count\" FROM rows ORDER BY rowid");
        var index = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal(reader.GetString(0), written[index][0]);
            Assert.Equal(reader.GetDecimal(1), ExactDecimal(written[index][1]));
            Assert.Equal(reader.GetInt64(3), written[index][2]);
            index++;
        }
        Assert.Equal(index, written.Count);
        Assert.Equal(2, Count(path, odd));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("ndjson")]
    public async Task Csv_and_ndjson_files_hold_what_stdout_would_and_a_failed_run_keeps_the_old_file(string format)
    {
        var path = fixture.TempFile("rows." + format);
        var printed = await RunAsync(DemoMarts.AdPerformance, "--format", format, "--max-rows", "20");
        Assert.Equal(0, printed.Exit);

        var (exit, output, errors) = await RunAsync(DemoMarts.AdPerformance, "--format", format, "--output", path, "--max-rows", "20");

        Assert.True(exit == 0, errors);
        Assert.Equal(string.Empty, output);
        Assert.Contains($"20 rows → {path} in ", errors, StringComparison.Ordinal);
        Assert.Equal(printed.Out, await File.ReadAllTextAsync(path));

        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.CutBetweenRows, DataMartId = DemoMarts.AdPerformance, AfterRows = 50, Times = null });
        var failed = await RunAsync(DemoMarts.AdPerformance, "--format", format, "-o", path);
        Assert.True(failed.Exit == 1, failed.Err);
        Assert.Contains("after 50 rows", failed.Err, StringComparison.Ordinal);
        Assert.Equal(printed.Out, await File.ReadAllTextAsync(path));
        Assert.Equal([Path.GetFileName(path)], Files(path));
    }
}
