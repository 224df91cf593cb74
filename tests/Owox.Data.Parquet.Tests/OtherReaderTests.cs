using System;
using System.Data;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Owox.Data.Parquet.Tests;

/// <summary>Readers other than OwoxDataReader: a DataTableReader (schema table), and a reader with no schema at all (GetFieldType only).</summary>
public class OtherReaderTests
{
    private static readonly Guid SomeGuid = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    [Fact]
    public async Task A_DataTableReader_s_column_types_map_to_their_Parquet_types()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("table.parquet");
        using var table = AllTypes();
        using (var reader = table.CreateDataReader())
            Assert.Equal(3, await OwoxParquetWriter.WriteFileAsync(reader, path));

        Assert.Equal(
            [
                "long BIGINT", "int INTEGER", "short SMALLINT", "byte UTINYINT", "float FLOAT", "double DOUBLE", "decimal DECIMAL(38,9)",
                "bool BOOLEAN", "text VARCHAR", "bytes BLOB", "guid UUID", "stamp TIMESTAMP", "offset TIMESTAMP WITH TIME ZONE",
                "time TIME", "day DATE", "clock TIME",
            ],
            DuckDb.Types(path).Select(c => $"{c.Name} {c.Type}"));
        Assert.Equal("REQUIRED", DuckDb.Repetition(path)["long"]);
        Assert.Equal("OPTIONAL", DuckDb.Repetition(path)["int"]);
    }

    [Fact]
    public async Task A_DataTableReader_s_values_and_NULLs_read_back_exactly()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("table.parquet");
        using var table = AllTypes();
        using (var reader = table.CreateDataReader())
            await OwoxParquetWriter.WriteFileAsync(reader, path);

        var rows = DuckDb.Query(
            "SELECT long, int, short, byte, float, double, decimal, bool, text, hex(bytes), CAST(guid AS VARCHAR), CAST(stamp AS VARCHAR), " +
            $"epoch_us(\"offset\"), CAST(time AS VARCHAR), CAST(day AS VARCHAR), CAST(clock AS VARCHAR) FROM {DuckDb.Read(path)} ORDER BY long");
        Assert.Equal(
            [
                1L, 2, (short)3, (byte)4, 5.5f, 6.25, 7.123456789m, true, "ünï \"q\"", "00FF10", SomeGuid.ToString(), "2024-02-29 23:59:59.999999",
                new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)).ToUnixTimeMilliseconds() * 1000, "23:59:59.999999", "2024-02-29", "12:34:56.5",
            ],
            rows[0]);
        Assert.Equal([2L, .. Enumerable.Repeat<object>(DBNull.Value, 15)], rows[1]);
        Assert.Equal(
            [
                3L, int.MinValue, short.MinValue, byte.MaxValue, float.MaxValue, double.Epsilon, -79228162514.264337593m, false, "", "", Guid.Empty.ToString(),
                "0001-01-01 00:00:00", new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000, "00:00:00", "0001-01-01", "00:00:00",
            ],
            rows[2]);
    }

    [Fact]
    public async Task A_wall_clock_DateTime_is_written_as_it_reads_whatever_its_Kind()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("clock.parquet");
        using var table = new DataTable();
        table.Columns.Add("reading", typeof(DateTime));
        table.Rows.Add(new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Local));
        table.Rows.Add(new DateTime(2024, 1, 1, 11, 0, 0, DateTimeKind.Utc));
        table.Rows.Add(new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Unspecified));
        using (var reader = table.CreateDataReader())
            await OwoxParquetWriter.WriteFileAsync(reader, path);

        Assert.Equal(["2024-01-01 10:00:00", "2024-01-01 11:00:00", "2024-01-01 12:00:00"],
            DuckDb.Query($"SELECT CAST(reading AS VARCHAR) FROM {DuckDb.Read(path)} ORDER BY reading").Select(r => (string)r[0]));
    }

    [Fact]
    public async Task A_reader_without_a_schema_is_typed_by_GetFieldType_and_every_column_is_optional()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("schemaless.parquet");
        using var table = AllTypes();
        using (var reader = new SchemalessReader(table.CreateDataReader()))
            Assert.Equal(3, await OwoxParquetWriter.WriteFileAsync(reader, path));

        using var expected = AllTypes();
        using (var reader = expected.CreateDataReader())
            await OwoxParquetWriter.WriteFileAsync(reader, folder.File("with-schema.parquet"));
        Assert.Equal(DuckDb.Types(folder.File("with-schema.parquet")), DuckDb.Types(path));
        Assert.All(DuckDb.Repetition(path).Values, repetition => Assert.Equal("OPTIONAL", repetition));
        Assert.Equal(7.123456789m, DuckDb.Scalar<decimal>($"SELECT sum(decimal) FILTER (WHERE long = 1) FROM {DuckDb.Read(path)}"));
    }

    [Fact]
    public async Task An_unsupported_column_type_is_refused_before_anything_is_written()
    {
        using var table = new DataTable();
        table.Columns.Add("id", typeof(long));
        table.Columns.Add("initial", typeof(char));
        table.Rows.Add(1L, 'x');
        using var output = new MemoryStream();
        using var reader = table.CreateDataReader();

        var error = await Assert.ThrowsAsync<OwoxParquetException>(() => OwoxParquetWriter.WriteAsync(reader, output));
        Assert.Equal("initial", error.ColumnName);
        Assert.Null(error.RowNumber);
        Assert.Contains("System.Char", error.Message, StringComparison.Ordinal);
        Assert.Contains("TextColumns", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task A_TimeSpan_that_is_not_a_time_of_day_is_an_error()
    {
        using var table = new DataTable();
        table.Columns.Add("duration", typeof(TimeSpan));
        table.Rows.Add(TimeSpan.FromHours(3));
        table.Rows.Add(TimeSpan.FromHours(26));
        using var reader = table.CreateDataReader();

        var error = await Assert.ThrowsAsync<OwoxParquetException>(() => OwoxParquetWriter.WriteAsync(reader, Stream.Null));
        Assert.Equal(("duration", 2L), (error.ColumnName, error.RowNumber));
        Assert.Contains("1.02:00:00 is not a time of day", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Arguments_are_checked()
    {
        using var table = AllTypes();
        using var reader = table.CreateDataReader();
        await Assert.ThrowsAsync<ArgumentNullException>(() => OwoxParquetWriter.WriteAsync(null!, Stream.Null));
        await Assert.ThrowsAsync<ArgumentNullException>(() => OwoxParquetWriter.WriteAsync(reader, null!));
        await Assert.ThrowsAsync<ArgumentException>(() => OwoxParquetWriter.WriteAsync(reader, new MemoryStream([], writable: false)));
        await Assert.ThrowsAsync<ArgumentException>(() => OwoxParquetWriter.WriteFileAsync(reader, ""));
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => OwoxParquetWriter.WriteFileAsync(reader, Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "x.parquet")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OwoxParquetWriterOptions { MaxRowGroupRows = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OwoxParquetWriterOptions { MaxRowGroupBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OwoxParquetWriterOptions { DefaultDecimalPrecision = 39 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OwoxParquetWriterOptions { DefaultDecimalScale = 29 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OwoxParquetWriterOptions { MaxRows = -1 });
        reader.Close();
        await Assert.ThrowsAsync<ArgumentException>(() => OwoxParquetWriter.WriteAsync(reader, Stream.Null));
    }

    /// <summary>One column of every supported CLR type; row 1 typical values, row 2 NULLs, row 3 extremes.</summary>
    private static DataTable AllTypes()
    {
        var table = new DataTable();
        table.Columns.Add(new DataColumn("long", typeof(long)) { AllowDBNull = false });
        foreach (var (name, type) in new[]
        {
            ("int", typeof(int)), ("short", typeof(short)), ("byte", typeof(byte)), ("float", typeof(float)), ("double", typeof(double)),
            ("decimal", typeof(decimal)), ("bool", typeof(bool)), ("text", typeof(string)), ("bytes", typeof(byte[])), ("guid", typeof(Guid)),
            ("stamp", typeof(DateTime)), ("offset", typeof(DateTimeOffset)), ("time", typeof(TimeSpan)), ("day", typeof(DateOnly)), ("clock", typeof(TimeOnly)),
        })
        {
            table.Columns.Add(name, type);
        }
        table.Rows.Add(1L, 2, (short)3, (byte)4, 5.5f, 6.25, 7.123456789m, true, "ünï \"q\"", new byte[] { 0x00, 0xFF, 0x10 }, SomeGuid,
            new DateTime(2024, 2, 29, 23, 59, 59).AddTicks(9_999_990), new DateTimeOffset(2024, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)),
            new TimeSpan(0, 23, 59, 59).Add(TimeSpan.FromTicks(9_999_990)), new DateOnly(2024, 2, 29), new TimeOnly(12, 34, 56, 500));
        table.Rows.Add([2L, .. Enumerable.Repeat<object>(DBNull.Value, 15)]);
        table.Rows.Add(3L, int.MinValue, short.MinValue, byte.MaxValue, float.MaxValue, double.Epsilon, -79228162514.264337593m, false, "", Array.Empty<byte>(), Guid.Empty,
            DateTime.MinValue, new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero), TimeSpan.Zero, DateOnly.MinValue, TimeOnly.MinValue);
        return table;
    }
}
