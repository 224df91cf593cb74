using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using DuckDB.NET.Data;
using Owox.Data.Cli.Tests.Samples;
using Owox.Data.Emulator;

namespace Owox.Data.Cli.Tests;

/// <summary>
/// owox-data export: partitions written in parallel, read back by DuckDB as one Hive-partitioned dataset, resumed
/// after damage and failures, and verified against the server's run records.
/// </summary>
public sealed class CliExportTests(SampleEmulatorFixture fixture) : IClassFixture<SampleEmulatorFixture>, IDisposable
{
    private static readonly AdPerformanceRow[] Rows = Enumerable.Range(0, SampleEmulatorFixture.DemoRows).Select(DemoMarts.AdPerformanceRow).ToArray();

    public void Dispose() => fixture.Emulator.Faults.Clear();

    private Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) => CliRun.RunAsync(fixture.ApiKey, CancellationToken.None, args);

    private string Folder(string name)
    {
        var path = fixture.TempFile(name);
        Assert.False(Directory.Exists(path));
        return path;
    }

    private static List<object?[]> Duck(string sql)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i)).ToArray());
        return rows;
    }

    private static string Glob(string folder, string extension) => Path.Combine(folder, "**", "*." + extension).Replace("'", "''", StringComparison.Ordinal);

    private static Dictionary<string, long> RowsByMonth(IEnumerable<AdPerformanceRow> rows) =>
        rows.GroupBy(r => r.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => (long)g.Count());

    private static JsonElement Manifest(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "_manifest.json"))).RootElement;

    private static string[] PartitionFiles(string folder) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Where(f => f != "_manifest.json").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_monthly_parquet_export_is_one_dataset_DuckDB_reads_with_the_generators_rows_counts_sums_and_types()
    {
        var folder = Folder("monthly");

        var (exit, output, errors) = await RunAsync("export", DemoMarts.AdPerformance, "--output", folder, "--partition-by", "date:month", "--parallel", "3");

        Assert.True(exit == 0, errors);
        Assert.Equal(string.Empty, output);
        var months = RowsByMonth(Rows);
        Assert.Equal(months.Keys.Order(StringComparer.Ordinal).Select(m => $"date_month={m}/part-00000.parquet"), PartitionFiles(folder));
        Assert.Contains($"{months.Count} of {months.Count} partitions exported ({Rows.Length:N0} rows", errors, StringComparison.Ordinal);

        var dataset = $"read_parquet('{Glob(folder, "parquet")}', hive_partitioning = true)";
        var perMonth = Duck($"SELECT date_month, COUNT(*), SUM(cost), CAST(SUM(clicks) AS BIGINT) FROM {dataset} GROUP BY date_month ORDER BY date_month");
        Assert.Equal(months.Count, perMonth.Count);
        foreach (var row in perMonth)
        {
            var month = Convert.ToString(row[0], CultureInfo.InvariantCulture)!;
            var expected = Rows.Where(r => r.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture) == month).ToList();
            Assert.Equal(expected.Count, Convert.ToInt64(row[1], CultureInfo.InvariantCulture));
            Assert.Equal(expected.Sum(r => r.Cost), Convert.ToDecimal(row[2], CultureInfo.InvariantCulture));
            Assert.Equal(expected.Sum(r => r.Clicks), Convert.ToInt64(row[3], CultureInfo.InvariantCulture));
        }

        var types = Duck($"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {dataset})").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("DATE", types["date"]);
        Assert.Equal("VARCHAR", types["campaign"]);
        Assert.Equal("BIGINT", types["clicks"]);
        Assert.StartsWith("DECIMAL(", types["cost"], StringComparison.Ordinal);
        Assert.Equal("DOUBLE", types["ctr"]);
        Assert.Equal("BOOLEAN", types["is_active"]);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", types["created_at"]);

        var first = Duck($"SELECT campaign, created_at FROM {dataset} WHERE date = DATE '{Rows[0].Date:yyyy-MM-dd}' AND campaign = '{Rows[0].Campaign.Replace("'", "''", StringComparison.Ordinal)}'");
        Assert.Single(first);

        var manifest = Manifest(folder);
        Assert.Equal("parquet", manifest.GetProperty("export").GetProperty("format").GetString());
        var entries = manifest.GetProperty("partitions").EnumerateArray().ToList();
        Assert.Equal(months.Count, entries.Count);
        foreach (var entry in entries)
        {
            var file = Path.Combine(folder, entry.GetProperty("file").GetString()!);
            Assert.Equal(months[entry.GetProperty("key").GetString()!], entry.GetProperty("rows").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), entry.GetProperty("sha256").GetString());
            Assert.Equal(new FileInfo(file).Length, entry.GetProperty("bytes").GetInt64());
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("runId").GetString()));
        }
    }

    [Fact]
    public async Task A_rerun_skips_complete_partitions_and_exports_only_a_missing_or_damaged_one()
    {
        var folder = Folder("resume");
        string[] args = ["export", DemoMarts.AdPerformance, "--output", folder, "--partition-by", "date:month", "--from", "2025-01-01", "--to", "2025-06-30"];
        Assert.Equal(0, (await RunAsync(args)).Exit);
        var files = PartitionFiles(folder);
        Assert.Equal(6, files.Length);
        var written = files.ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(folder, f)));

        var (exit, _, errors) = await RunAsync(args);
        Assert.True(exit == 0, errors);
        Assert.Contains("6 already complete, 0 to export", errors, StringComparison.Ordinal);
        Assert.All(files, f => Assert.Equal(written[f], File.GetLastWriteTimeUtc(Path.Combine(folder, f))));

        File.Delete(Path.Combine(folder, files[1]));
        await using (var damaged = File.OpenWrite(Path.Combine(folder, files[4])))
            damaged.SetLength(damaged.Length / 2);
        var before = fixture.Emulator.DataRequestCount;
        (exit, _, errors) = await RunAsync(args);
        Assert.True(exit == 0, errors);
        Assert.Contains("4 already complete, 2 to export", errors, StringComparison.Ordinal);
        Assert.Equal(2, fixture.Emulator.DataRequestCount - before);
        Assert.Equal(files, PartitionFiles(folder));
        var count = Duck($"SELECT COUNT(*) FROM read_parquet('{Glob(folder, "parquet")}', hive_partitioning = true)")[0][0];
        Assert.Equal(Rows.LongCount(r => r.Date >= new DateOnly(2025, 1, 1) && r.Date <= new DateOnly(2025, 6, 30)), Convert.ToInt64(count, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_cut_stream_leaves_no_file_and_no_entry_exits_1_after_the_others_and_the_rerun_completes_just_that_one()
    {
        var folder = Folder("cut");
        string[] args = ["export", DemoMarts.AdPerformance, "--output", folder, "--partition-by", "date:month", "--from", "2025-01-01", "--to", "2025-04-30", "--parallel", "1"];
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.CutMidRow, DataMartId = DemoMarts.AdPerformance, AfterRows = 2, Times = 1 });

        var (exit, _, errors) = await RunAsync(args);

        Assert.Equal(1, exit);
        Assert.Contains("date_month=2025-01: failed, nothing written", errors, StringComparison.Ordinal);
        Assert.Contains("3 of 4 partitions exported", errors, StringComparison.Ordinal);
        Assert.Equal(["date_month=2025-02/part-00000.parquet", "date_month=2025-03/part-00000.parquet", "date_month=2025-04/part-00000.parquet"], PartitionFiles(folder));
        Assert.DoesNotContain(Manifest(folder).GetProperty("partitions").EnumerateArray(), e => e.GetProperty("key").GetString() == "2025-01");

        var before = fixture.Emulator.DataRequestCount;
        (exit, _, errors) = await RunAsync(args);
        Assert.True(exit == 0, errors);
        Assert.Contains("3 already complete, 1 to export", errors, StringComparison.Ordinal);
        Assert.Equal(1, fixture.Emulator.DataRequestCount - before);
        Assert.Equal(4, PartitionFiles(folder).Length);
    }

    [Fact]
    public async Task With_verify_a_short_clean_stream_is_not_kept()
    {
        var folder = Folder("verify");
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.EndCleanlyShort, DataMartId = DemoMarts.AdPerformance, AfterRows = 1, Times = 1 });

        var (exit, _, errors) = await RunAsync("export", DemoMarts.AdPerformance, "--output", folder, "--partition-by", "date:month", "--from", "2025-01-01", "--to", "2025-02-28", "--parallel", "1", "--verify");

        Assert.Equal(1, exit);
        Assert.Contains("date_month=2025-01: failed, nothing written", errors, StringComparison.Ordinal);
        Assert.Contains("ended cleanly after 1 rows", errors, StringComparison.Ordinal);
        Assert.Equal(["date_month=2025-02/part-00000.parquet"], PartitionFiles(folder));
    }

    [Theory]
    [InlineData("csv", "read_csv('{0}', hive_partitioning = true, header = true)")]
    [InlineData("ndjson", "read_json('{0}', hive_partitioning = true, format = 'newline_delimited')")]
    public async Task Text_formats_make_the_same_dataset(string format, string reader)
    {
        var folder = Folder("text-" + format);
        var (exit, _, errors) = await RunAsync("export", $"SELECT date, campaign, cost FROM \"{DemoMarts.AdPerformance}\" WHERE country = @c", "-p", "c=DE", "--format", format,
            "--output", folder, "--partition-by", "date:week", "--from", "2025-03-01", "--to", "2025-05-31");
        Assert.True(exit == 0, errors);
        var expected = Rows.Where(r => r.Country == "DE" && r.Date >= new DateOnly(2025, 3, 1) && r.Date <= new DateOnly(2025, 5, 31)).ToList();
        var rows = Duck($"SELECT COUNT(*), SUM(CAST(cost AS DECIMAL(18, 2))) FROM {string.Format(CultureInfo.InvariantCulture, reader, Glob(folder, format))}")[0];
        Assert.Equal(expected.Count, Convert.ToInt64(rows[0], CultureInfo.InvariantCulture));
        Assert.Equal(expected.Sum(r => r.Cost), Convert.ToDecimal(rows[1] ?? 0m, CultureInfo.InvariantCulture));
        Assert.All(PartitionFiles(folder), f => Assert.Matches($@"^date_week=\d{{4}}-\d{{2}}-\d{{2}}/part-00000\.{format}$", f));
    }

    [Theory]
    [InlineData("--partition-by", "date:year", "--partition-by must be <column>:day")]
    [InlineData("--partition-by", "campaign:day", "'campaign' is STRING, not a date")]
    [InlineData("--from", "2025-13-01", "--from must be a day as yyyy-MM-dd")]
    [InlineData("--parallel", "0", "--parallel must be between 1 and 64")]
    public async Task Bad_arguments_exit_2_naming_the_problem(string option, string value, string expected)
    {
        var folder = Folder("bad-" + Guid.NewGuid().ToString("N"));
        var args = new List<string> { "export", DemoMarts.AdPerformance, "--output", folder, "--partition-by", "date:month" };
        var at = args.IndexOf(option);
        if (at >= 0)
            args[at + 1] = value;
        else
            args.AddRange([option, value]);
        var (exit, _, errors) = await RunAsync([.. args]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task A_folder_of_another_export_is_refused()
    {
        var folder = Folder("other");
        Assert.Equal(0, (await RunAsync("export", DemoMarts.AdPerformance, "--output", folder, "--partition-by", "date:month", "--from", "2025-01-01", "--to", "2025-01-31")).Exit);
        var (exit, _, errors) = await RunAsync("export", DemoMarts.AdPerformance, "--output", folder, "--partition-by", "date:week", "--from", "2025-01-01", "--to", "2025-01-31");
        Assert.Equal(2, exit);
        Assert.Contains("holds another export", errors, StringComparison.Ordinal);
    }
}
