using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Parquet.Tests;

/// <summary>
/// Every warehouse flavour of the emulator, every storage type: the Parquet type DuckDB reads for each column, and
/// every value equal to what the OwoxDataReader gives for it.
/// </summary>
public class WarehouseFlavourTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Utc = "TIMESTAMP WITH TIME ZONE";

    public static TheoryData<string, string[]> Types => new()
    {
        {
            DemoMarts.BigQuery,
            [
                "id BIGINT", "name VARCHAR", "amount DECIMAL(38,9)", "big DECIMAL(38,9)", "ratio DOUBLE", "flag BOOLEAN", "day DATE",
                "dt TIMESTAMP", "t TIME", $"ts {Utc}", "payload BLOB", "doc JSON", "geo VARCHAR", "tags JSON", "rec JSON", "rec.x BIGINT",
                "rec.y DATE", "rec.z DECIMAL(38,9)", "huge BIGINT",
            ]
        },
        {
            DemoMarts.Athena,
            [
                "id BIGINT", "name VARCHAR", "amount DECIMAL(38,9)", "ratio DOUBLE", "flag BOOLEAN", "day DATE", "ts TIMESTAMP", $"tstz {Utc}",
                "t TIME", "bin BLOB", "arr JSON", "doc JSON", "small BIGINT",
            ]
        },
        {
            DemoMarts.Snowflake,
            [
                "ID DECIMAL(38,9)", "AMOUNT DECIMAL(38,9)", "RATIO DOUBLE", "NAME VARCHAR", "FLAG BOOLEAN", "DAY DATE", $"TS {Utc}", "T TIME",
                "BIN BLOB", "V JSON", "GEO VARCHAR", "N BIGINT",
            ]
        },
        {
            DemoMarts.Redshift,
            [
                "id BIGINT", "big BIGINT", "amount DECIMAL(38,9)", "ratio DOUBLE", "name VARCHAR", "code VARCHAR", "flag BOOLEAN", "day DATE",
                "ts TIMESTAMP", $"tstz {Utc}", "t TIME", "doc JSON", "raw VARCHAR", // the provider reads BYTEA as text
            ]
        },
        {
            DemoMarts.Databricks,
            [
                "id BIGINT", "big BIGINT", "amount DECIMAL(38,9)", "ratio DOUBLE", "name VARCHAR", "flag BOOLEAN", "day DATE", $"ts {Utc}",
                "ntz TIMESTAMP", "bin BLOB", "arr JSON", "st JSON", "m JSON",
            ]
        },
    };

    public static TheoryData<string> Marts => new(DemoMarts.BigQuery, DemoMarts.Athena, DemoMarts.Snowflake, DemoMarts.Redshift, DemoMarts.Databricks);

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Each_storage_type_has_its_Parquet_type(string martId, string[] expected)
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("flavour.parquet");
        await ExportAsync(martId, path);

        Assert.Equal(expected, DuckDb.Types(path).Select(c => $"{c.Name} {c.Type}"));
    }

    [Theory]
    [MemberData(nameof(Marts))]
    public async Task Every_value_and_NULL_is_the_reader_s(string martId)
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("flavour.parquet");
        await ExportAsync(martId, path);
        var expected = await ReadWithProviderAsync(martId);

        var columns = DuckDb.Types(path);
        var select = string.Join(", ", columns.Select(c => Canonical($"\"{c.Name}\"", c.Type)));
        var rows = DuckDb.Query($"SELECT {select} FROM {DuckDb.Read(path, ", file_row_number = true")} ORDER BY file_row_number");
        Assert.Equal(expected.Count, rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
                Assert.True(Equals(Canonical(expected[r][c], columns[c].Type), rows[r][c]), $"row {r + 1}, {columns[c].Name} ({columns[c].Type}): expected {expected[r][c]}, DuckDB read {rows[r][c]}");
        }
    }

    [Fact]
    public async Task BigQuery_times_timestamps_decimals_bytes_and_JSON_keep_their_exact_values()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("bigquery.parquet");
        await ExportAsync(DemoMarts.BigQuery, path);

        var row = DuckDb.Query(
            "SELECT CAST(t AS VARCHAR), CAST(dt AS VARCHAR), epoch_us(ts), big, CAST(day AS VARCHAR), hex(payload), doc->>'$.a', json_array_length(tags), rec->>'$.z' " +
            $"FROM {DuckDb.Read(path)} WHERE id = 1").Single();
        Assert.Equal("23:59:59.999999", row[0]);
        Assert.Equal("2026-05-01 12:34:56.123456", row[1]);
        Assert.Equal(new DateTimeOffset(2025, 5, 1, 12, 34, 56, 123, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000, row[2]);
        Assert.Equal(1.5e21m, (decimal)row[3]);
        Assert.Equal("2026-05-01", row[4]);
        Assert.Equal("616263", row[5]);
        Assert.Equal("1", row[6]);
        Assert.Equal(2L, Convert.ToInt64(row[7], CultureInfo.InvariantCulture));
        Assert.Equal("1.5", row[8]);
        Assert.Equal(0.0000001m, DuckDb.Scalar<decimal>($"SELECT amount FROM {DuckDb.Read(path)} WHERE id = 2"));
    }

    [Fact]
    public async Task Athena_wall_clock_and_zoned_timestamps_differ_only_in_their_type()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("athena.parquet");
        await ExportAsync(DemoMarts.Athena, path);

        var row = DuckDb.Query($"SELECT CAST(ts AS VARCHAR), epoch_us(tstz), CAST(t AS VARCHAR) FROM {DuckDb.Read(path)} WHERE id = 2").Single();
        Assert.Equal("2024-01-01 23:59:59.999", row[0]);
        Assert.Equal(new DateTimeOffset(2024, 6, 1, 10, 0, 0, 500, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000, row[1]);
        Assert.Equal("00:00:01.5", row[2]);
    }

    [Fact]
    public async Task Parquet_Net_reads_the_annotated_logical_types_and_values_back()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("bigquery.parquet");
        await ExportAsync(DemoMarts.BigQuery, path);

        await using var file = await global::Parquet.ParquetReader.CreateAsync(path);
        var fields = file.Schema.DataFields.ToDictionary(f => f.Name);
        Assert.NotNull(fields["doc"].SchemaElement!.LogicalType!.JSON);
        Assert.Equal(global::Parquet.Meta.ConvertedType.JSON, fields["doc"].SchemaElement!.ConvertedType);
        Assert.True(fields["ts"].SchemaElement!.LogicalType!.TIMESTAMP!.IsAdjustedToUTC);
        Assert.NotNull(fields["ts"].SchemaElement!.LogicalType!.TIMESTAMP!.Unit.MICROS);
        Assert.False(fields["dt"].SchemaElement!.LogicalType!.TIMESTAMP!.IsAdjustedToUTC);
        Assert.Null(fields["dt"].SchemaElement!.ConvertedType);

        using var rowGroup = file.OpenRowGroupReader(0);
        var stamps = new DateTime?[3];
        await rowGroup.ReadAsync<DateTime>(fields["ts"], stamps.AsMemory(), null);
        Assert.Equal([new DateTime(2025, 5, 1, 12, 34, 56, 123), new DateTime(2025, 5, 1, 12, 34, 56, 123).AddTicks(4000), null], stamps);
    }

    /// <summary>A DuckDB expression that reads <paramref name="column"/> of <paramref name="type"/> in a form .NET values compare with exactly.</summary>
    private static string Canonical(string column, string type) => type switch
    {
        "TIMESTAMP" or Utc => $"epoch_us({column})",
        "TIME" => $"extract('hour' FROM {column}) * 3600000000 + extract('minute' FROM {column}) * 60000000 + extract('microseconds' FROM {column})",
        "DATE" or "JSON" => $"CAST({column} AS VARCHAR)",
        "BLOB" => $"hex({column})",
        _ => column,
    };

    /// <summary>A value the reader gave, in the form <see cref="Canonical(string, string)"/> reads its column.</summary>
    private static object Canonical(object value, string type) => value switch
    {
        DBNull => DBNull.Value,
        DateTime time when type == "DATE" => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime time => (time - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond,
        TimeSpan time => time.Ticks / TimeSpan.TicksPerMicrosecond,
        byte[] bytes => Convert.ToHexString(bytes),
        _ => value,
    };

    private async Task<List<object[]>> ReadWithProviderAsync(string martId)
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(martId, connection).ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }
        return rows;
    }

    private async Task ExportAsync(string martId, string path)
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(martId, connection).ExecuteReaderAsync();
        await OwoxParquetWriter.WriteFileAsync(reader, path);
    }
}
