using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Parquet.Tests;

/// <summary>The demo ad-performance mart (BigQuery flavour), streamed by a real OwoxDataReader and written to Parquet; every value checked against the generator.</summary>
public class AdPerformanceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const int Rows = EmulatorFixture.DemoRows;

    private static readonly AdPerformanceRow[] Generated = [.. Enumerable.Range(0, Rows).Select(DemoMarts.AdPerformanceRow)];

    [Fact]
    public async Task Every_row_and_value_is_the_generator_s_in_order()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("ads.parquet");
        Assert.Equal(Rows, await ExportAsync(DemoMarts.AdPerformance, path));

        var rows = DuckDb.Query(
            "SELECT CAST(date AS VARCHAR), campaign, channel, country, impressions, clicks, conversions, cost, revenue, ctr, is_active, epoch_us(created_at), notes " +
            $"FROM {DuckDb.Read(path, ", file_row_number = true")} ORDER BY file_row_number");
        Assert.Equal(Rows, rows.Count);
        for (var i = 0; i < Rows; i++)
        {
            var expected = Generated[i];
            var row = rows[i];
            Assert.Equal(expected.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(expected.Campaign, row[1]);
            Assert.Equal((object?)expected.Channel ?? DBNull.Value, row[2]);
            Assert.Equal(expected.Country, row[3]);
            Assert.Equal(expected.Impressions, row[4]);
            Assert.Equal(expected.Clicks, row[5]);
            Assert.Equal(expected.Conversions, row[6]);
            Assert.Equal(expected.Cost, (decimal)row[7]);
            Assert.Equal((object?)expected.Revenue ?? DBNull.Value, row[8] is DBNull ? DBNull.Value : (decimal)row[8]);
            Assert.Equal(expected.Ctr, (double)row[9]);
            Assert.Equal(expected.IsActive, row[10]);
            Assert.Equal((expected.CreatedAt - DateTime.UnixEpoch).Ticks / 10, row[11]);
            Assert.Equal((object?)expected.Notes ?? DBNull.Value, row[12]);
        }
    }

    [Fact]
    public async Task Column_sums_and_NULL_counts_are_the_generator_s()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("ads.parquet");
        await ExportAsync(DemoMarts.AdPerformance, path);

        var row = DuckDb.Query(
            "SELECT count(*), sum(impressions)::BIGINT, sum(clicks)::BIGINT, sum(conversions)::BIGINT, sum(cost), sum(revenue), count(revenue), count(channel), count(notes), " +
            $"count(*) FILTER (WHERE is_active), sum(ctr), CAST(min(date) AS VARCHAR), epoch_us(max(created_at)) FROM {DuckDb.Read(path)}").Single();
        Assert.Equal((long)Rows, row[0]);
        Assert.Equal(Generated.Sum(r => r.Impressions), row[1]);
        Assert.Equal(Generated.Sum(r => r.Clicks), row[2]);
        Assert.Equal(Generated.Sum(r => r.Conversions), row[3]);
        Assert.Equal(Generated.Sum(r => r.Cost), (decimal)row[4]);
        Assert.Equal(Generated.Sum(r => r.Revenue ?? 0m), (decimal)row[5]);
        Assert.Equal((long)Generated.Count(r => r.Revenue is not null), row[6]);
        Assert.Equal((long)Generated.Count(r => r.Channel is not null), row[7]);
        Assert.Equal((long)Generated.Count(r => r.Notes is not null), row[8]);
        Assert.Equal((long)Generated.Count(r => r.IsActive), row[9]);
        Assert.Equal(Generated.Sum(r => r.Ctr), (double)row[10], 9);
        Assert.Equal(Generated.Min(r => r.Date).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), row[11]);
        Assert.Equal((Generated.Max(r => r.CreatedAt) - DateTime.UnixEpoch).Ticks / 10, row[12]);
    }

    [Fact]
    public async Task Columns_have_the_Parquet_types_and_nullability_of_the_schema()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("ads.parquet");
        await ExportAsync(DemoMarts.AdPerformance, path);

        Assert.Equal(
            [
                ("date", "DATE"), ("campaign", "VARCHAR"), ("channel", "VARCHAR"), ("country", "VARCHAR"), ("impressions", "BIGINT"),
                ("clicks", "BIGINT"), ("conversions", "BIGINT"), ("cost", "DECIMAL(38,9)"), ("revenue", "DECIMAL(38,9)"), ("ctr", "DOUBLE"),
                ("is_active", "BOOLEAN"), ("created_at", "TIMESTAMP WITH TIME ZONE"), ("notes", "VARCHAR"),
            ],
            DuckDb.Types(path));
        var repetition = DuckDb.Repetition(path);
        foreach (var required in new[] { "date", "campaign", "country", "impressions", "clicks", "conversions", "cost", "ctr", "is_active", "created_at" })
            Assert.Equal("REQUIRED", repetition[required]);
        foreach (var optional in new[] { "channel", "revenue", "notes" })
            Assert.Equal("OPTIONAL", repetition[optional]);
    }

    [Fact]
    public async Task WriteRequiredColumns_false_writes_every_column_optional()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("ads.parquet");
        await ExportAsync(DemoMarts.AdPerformance, path, new OwoxParquetWriterOptions { WriteRequiredColumns = false });

        Assert.All(DuckDb.Repetition(path).Values, repetition => Assert.Equal("OPTIONAL", repetition));
        Assert.Equal((long)Rows, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Read(path)}"));
    }

    [Fact]
    public async Task Small_row_groups_are_many_and_read_back_complete_and_in_order()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("ads.parquet");
        var progress = new List<long>();
        await ExportAsync(DemoMarts.AdPerformance, path, new OwoxParquetWriterOptions { MaxRowGroupRows = 64, Progress = progress.Add });

        var expectedSizes = Enumerable.Range(0, (Rows + 63) / 64).Select(g => (long)Math.Min(64, Rows - g * 64)).ToList();
        Assert.Equal(expectedSizes, DuckDb.RowGroupSizes(path));
        Assert.Equal(expectedSizes.Select((_, g) => Math.Min(64L * (g + 1), Rows)), progress);
        var campaigns = DuckDb.Query($"SELECT campaign, impressions FROM {DuckDb.Read(path, ", file_row_number = true")} ORDER BY file_row_number");
        Assert.Equal(Generated.Select(r => (r.Campaign, r.Impressions)), campaigns.Select(r => ((string)r[0], (long)r[1])));
    }

    [Fact]
    public async Task The_byte_bound_ends_row_groups_before_the_row_bound()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("ads.parquet");
        await ExportAsync(DemoMarts.AdPerformance, path, new OwoxParquetWriterOptions { MaxRowGroupBytes = 32 * 1024 });

        var sizes = DuckDb.RowGroupSizes(path);
        Assert.True(sizes.Count > 3, $"{sizes.Count} row groups");
        Assert.Equal(Rows, sizes.Sum());
        Assert.Equal(Generated.Sum(r => r.Clicks), DuckDb.Scalar<long>($"SELECT sum(clicks)::BIGINT FROM {DuckDb.Read(path)}"));
    }

    [Fact]
    public async Task Timestamp_statistics_are_exact_so_readers_filter_and_sort_by_them()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("ads.parquet");
        await ExportAsync(DemoMarts.AdPerformance, path, new OwoxParquetWriterOptions { MaxRowGroupRows = 100 });

        var statistics = DuckDb.Query(
            "SELECT epoch_us(CAST(stats_min_value AS TIMESTAMPTZ)), epoch_us(CAST(stats_max_value AS TIMESTAMPTZ)) " +
            $"FROM parquet_metadata({DuckDb.Literal(path)}) WHERE path_in_schema = 'created_at' ORDER BY row_group_id");
        Assert.Equal(
            Generated.Chunk(100).Select(group => ((object)Micros(group.Min(r => r.CreatedAt)), (object)Micros(group.Max(r => r.CreatedAt)))),
            statistics.Select(row => (row[0], row[1])));

        var cutoff = Generated.Select(r => r.CreatedAt).Order().ElementAt(Rows / 3);
        Assert.Equal((long)Generated.Count(r => r.CreatedAt >= cutoff),
            DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Read(path)} WHERE created_at >= make_timestamptz({Micros(cutoff)})"));
        Assert.Equal(Generated.Select(r => Micros(r.CreatedAt)).Order().Take(5).Cast<object>(),
            DuckDb.Query($"SELECT epoch_us(created_at) FROM {DuckDb.Read(path)} ORDER BY created_at LIMIT 5").Select(row => row[0]));
    }

    [Fact]
    public async Task MaxRows_writes_the_first_rows_only()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("ads.parquet");
        Assert.Equal(250, await ExportAsync(DemoMarts.AdPerformance, path, new OwoxParquetWriterOptions { MaxRows = 250 }));

        Assert.Equal(Generated.Take(250).Sum(r => r.Cost), DuckDb.Scalar<decimal>($"SELECT sum(cost) FROM {DuckDb.Read(path)}"));
        Assert.Equal(250L, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Read(path)}"));
    }

    [Fact]
    public async Task An_empty_result_is_a_file_with_the_columns_and_no_rows()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("empty.parquet");
        Assert.Equal(0, await ExportAsync(DemoMarts.Empty, path));

        Assert.Equal(DemoMarts.AdPerformanceColumns, DuckDb.Types(path).Select(c => c.Name));
        Assert.Equal(0L, DuckDb.Scalar<long>($"SELECT count(*) FROM {DuckDb.Read(path)}"));
    }

    [Theory]
    [InlineData(OwoxParquetCompression.Snappy, "SNAPPY")]
    [InlineData(OwoxParquetCompression.Zstd, "ZSTD")]
    [InlineData(OwoxParquetCompression.Gzip, "GZIP")]
    [InlineData(OwoxParquetCompression.None, "UNCOMPRESSED")]
    public async Task Every_codec_writes_a_file_DuckDB_reads(OwoxParquetCompression compression, string codec)
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("ads.parquet");
        await ExportAsync(DemoMarts.AdPerformance, path, new OwoxParquetWriterOptions { Compression = compression });

        Assert.Equal([codec], DuckDb.Query($"SELECT DISTINCT compression FROM parquet_metadata({DuckDb.Literal(path)})").Select(r => (string)r[0]));
        Assert.Equal(Generated.Sum(r => r.Cost), DuckDb.Scalar<decimal>($"SELECT sum(cost) FROM {DuckDb.Read(path)}"));
    }

    [Fact]
    public async Task A_stream_that_cannot_seek_receives_a_whole_file_from_its_current_position()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("piped.parquet");
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();
        using var bytes = new MemoryStream();
        bytes.Write("not part of the file"u8);
        await using (var pipe = new ForwardOnlyStream(bytes))
            Assert.Equal(Rows, await OwoxParquetWriter.WriteAsync(reader, pipe, new OwoxParquetWriterOptions { MaxRowGroupRows = 300 }));

        await File.WriteAllBytesAsync(path, bytes.ToArray()[20..]);
        Assert.Equal(Generated.Sum(r => r.Impressions), DuckDb.Scalar<long>($"SELECT sum(impressions)::BIGINT FROM {DuckDb.Read(path)}"));
        Assert.Equal(4, DuckDb.RowGroupSizes(path).Count);
    }

    [Fact]
    public async Task Query_results_written_to_hive_partitions_read_back_as_one_table()
    {
        using var folder = new TemporaryFolder();
        var countries = Generated.Select(r => r.Country).Distinct().Order(StringComparer.Ordinal).ToList();
        await using var connection = await fixture.OpenAsync();
        foreach (var country in countries)
        {
            var partition = Directory.CreateDirectory(Path.Combine(folder.Path, $"country={country}")).FullName;
            using var command = new OwoxCommand($"SELECT date, campaign, clicks, cost FROM \"{DemoMarts.AdPerformance}\" WHERE country = @country", connection);
            command.Parameters.Add(new OwoxParameter("country", country));
            using var reader = await command.ExecuteReaderAsync();
            await OwoxParquetWriter.WriteFileAsync(reader, Path.Combine(partition, "part-0.parquet"));
        }

        var totals = DuckDb.Query(
            $"SELECT country, count(*), sum(clicks)::BIGINT, sum(cost) FROM read_parquet({DuckDb.Literal(folder.Path + "/**/*.parquet")}, hive_partitioning = true) GROUP BY country ORDER BY country");
        Assert.Equal(countries, totals.Select(t => (string)t[0]));
        foreach (var total in totals)
        {
            var expected = Generated.Where(r => r.Country == (string)total[0]).ToList();
            Assert.Equal((long)expected.Count, total[1]);
            Assert.Equal(expected.Sum(r => r.Clicks), total[2]);
            Assert.Equal(expected.Sum(r => r.Cost), (decimal)total[3]);
        }
    }

    [Fact]
    public async Task The_package_README_s_example_writes_the_rows_it_selects()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("ads-de.parquet");
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand("SELECT * FROM \"Ad performance\" WHERE country = 'DE'", connection);
        using var reader = await command.ExecuteReaderAsync();
        var rows = await OwoxParquetWriter.WriteFileAsync(reader, path);

        var german = Generated.Where(r => r.Country == "DE").ToList();
        Assert.Equal(german.Count, rows);
        Assert.Equal(german.Sum(r => r.Cost), DuckDb.Scalar<decimal>($"SELECT sum(cost) FROM {DuckDb.Read(path)}"));
    }

    [Fact]
    public async Task Cancelling_stops_the_export_and_leaves_no_file()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("cancelled.parquet");
        using var cancellation = new System.Threading.CancellationTokenSource();
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OwoxParquetWriter.WriteFileAsync(
            reader, path, new OwoxParquetWriterOptions { MaxRowGroupRows = 100, Progress = _ => cancellation.Cancel() }, cancellation.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    private static long Micros(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / 10;

    private async Task<long> ExportAsync(string martId, string path, OwoxParquetWriterOptions? options = null)
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(martId, connection).ExecuteReaderAsync();
        return await OwoxParquetWriter.WriteFileAsync(reader, path, options);
    }
}
