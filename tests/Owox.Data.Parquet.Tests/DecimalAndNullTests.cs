using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Parquet.Tests;

/// <summary>
/// Decimals take their precision and scale from the schema, or the documented defaults; a value that does not fit is
/// an error naming the column, the row and the value, never a rounded number. A NULL in a REQUIRED column likewise.
/// </summary>
public class DecimalAndNullTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task A_decimal_finer_than_the_default_scale_is_an_error_that_names_column_row_value_and_fix()
    {
        var mart = SnowflakeAmounts(12.5m, 0.1234567891m, 1m);
        using var folder = new TemporaryFolder();
        var path = folder.File("amounts.parquet");

        var error = await Assert.ThrowsAsync<OwoxParquetException>(() => ExportAsync(mart, path));
        Assert.Equal("AMOUNT", error.ColumnName);
        Assert.Equal(2, error.RowNumber);
        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.1234567891", error.Message, StringComparison.Ordinal);
        Assert.Contains("DECIMAL(38,9)", error.Message, StringComparison.Ordinal);
        Assert.Contains("DefaultDecimalScale", error.Message, StringComparison.Ordinal);
        Assert.Contains("TextColumns", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task A_larger_default_scale_holds_the_value_exactly()
    {
        var mart = SnowflakeAmounts(12.5m, 0.1234567891m, 1m);
        using var folder = new TemporaryFolder();
        var path = folder.File("amounts.parquet");
        await ExportAsync(mart, path, new OwoxParquetWriterOptions { DefaultDecimalScale = 10 });

        Assert.Equal(("AMOUNT", "DECIMAL(38,10)"), DuckDb.Types(path).Single(c => c.Name == "AMOUNT"));
        Assert.Equal(13.6234567891m, DuckDb.Scalar<decimal>($"SELECT sum(\"AMOUNT\") FROM {DuckDb.Read(path)}"));
    }

    [Fact]
    public async Task A_text_column_keeps_the_decimal_as_the_warehouse_sent_it()
    {
        var mart = SnowflakeAmounts(12.5m, 0.1234567891m, 1m);
        using var folder = new TemporaryFolder();
        var path = folder.File("amounts.parquet");
        await ExportAsync(mart, path, new OwoxParquetWriterOptions { TextColumns = { "amount" } });

        Assert.Equal(("AMOUNT", "VARCHAR"), DuckDb.Types(path).Single(c => c.Name == "AMOUNT"));
        Assert.Equal(await ReadStringsAsync(mart, "AMOUNT"), DuckDb.Query($"SELECT \"AMOUNT\" FROM {DuckDb.Read(path, ", file_row_number = true")} ORDER BY file_row_number").Select(r => r[0]));
        Assert.Equal(0.1234567891m, DuckDb.Scalar<decimal>($"SELECT CAST(\"AMOUNT\" AS DECIMAL(20,10)) FROM {DuckDb.Read(path)} WHERE \"ID\" = 2"));
    }

    [Fact]
    public async Task A_failed_export_leaves_an_existing_file_as_it_was()
    {
        var mart = SnowflakeAmounts(0.1234567891m);
        using var folder = new TemporaryFolder();
        var path = folder.File("amounts.parquet");
        await File.WriteAllTextAsync(path, "the previous export");

        await Assert.ThrowsAsync<OwoxParquetException>(() => ExportAsync(mart, path));
        Assert.Equal("the previous export", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    [Fact]
    public async Task The_schema_s_precision_and_scale_are_used_and_a_value_beyond_them_is_an_error()
    {
        var mart = fixture.Emulator.CreateDataMart(new DataMartDefinition
        {
            Title = "Redshift prices",
            Storage = StorageFlavor.Redshift,
            Columns = [new("id", "INTEGER"), new("price", "DECIMAL(5,2)")],
        }, [[1L, "123.45"], [2L, "-999.99"]]);
        using var folder = new TemporaryFolder();
        var path = folder.File("prices.parquet");
        await ExportAsync(mart, path);
        Assert.Equal(("price", "DECIMAL(5,2)"), DuckDb.Types(path).Single(c => c.Name == "price"));
        Assert.Equal(-876.54m, DuckDb.Scalar<decimal>($"SELECT sum(price) FROM {DuckDb.Read(path)}"));

        fixture.Emulator.CreateDataMart(new DataMartDefinition
        {
            Id = mart,
            Title = "Redshift prices",
            Storage = StorageFlavor.Redshift,
            Columns = [new("id", "INTEGER"), new("price", "DECIMAL(5,2)")],
        }, [[1L, "123.45"], [2L, "1234.5"]]);
        var error = await Assert.ThrowsAsync<OwoxParquetException>(() => ExportAsync(mart, folder.File("too-large.parquet")));
        Assert.Equal(("price", 2L), (error.ColumnName, error.RowNumber));
        Assert.Contains("1234.5 does not fit DECIMAL(5,2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 3 digits before the decimal point", error.Message, StringComparison.Ordinal);
        Assert.Contains("the column's precision and scale in the reader's schema", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_BIGNUMERIC_beyond_System_Decimal_is_an_error_and_can_be_written_as_text()
    {
        var mart = fixture.Emulator.CreateDataMart(new DataMartDefinition
        {
            Title = "Huge numbers",
            Storage = StorageFlavor.BigQuery,
            Columns = [new("id", "INTEGER") { Mode = "REQUIRED" }, new("big", "BIGNUMERIC") { Mode = "NULLABLE" }],
        }, [[1L, 2.5m], [2L, 1e40]]);
        using var folder = new TemporaryFolder();

        var error = await Assert.ThrowsAsync<OwoxParquetException>(() => ExportAsync(mart, folder.File("big.parquet")));
        Assert.Equal(("big", 2L), (error.ColumnName, error.RowNumber));
        Assert.IsType<OverflowException>(error.InnerException, exactMatch: false);
        Assert.Contains("TextColumns", error.Message, StringComparison.Ordinal);

        var path = folder.File("big-as-text.parquet");
        await ExportAsync(mart, path, new OwoxParquetWriterOptions { TextColumns = { "big" } });
        Assert.Equal(await ReadStringsAsync(mart, "big"), DuckDb.Query($"SELECT big FROM {DuckDb.Read(path, ", file_row_number = true")} ORDER BY file_row_number").Select(r => r[0]));
        Assert.Equal(1e40, DuckDb.Scalar<double>($"SELECT CAST(big AS DOUBLE) FROM {DuckDb.Read(path)} WHERE id = 2"));
    }

    [Fact]
    public async Task A_NULL_in_a_REQUIRED_column_is_an_error_unless_every_column_is_written_optional()
    {
        var mart = fixture.Emulator.CreateDataMart(new DataMartDefinition
        {
            Title = "Broken promise",
            Storage = StorageFlavor.BigQuery,
            Columns = [new("id", "INTEGER") { Mode = "REQUIRED" }, new("name", "STRING") { Mode = "REQUIRED" }],
        }, [[1L, "one"], [2L, "two"], [3L, null]]);
        using var folder = new TemporaryFolder();

        var error = await Assert.ThrowsAsync<OwoxParquetException>(() => ExportAsync(mart, folder.File("required.parquet")));
        Assert.Equal(("name", 3L), (error.ColumnName, error.RowNumber));
        Assert.Contains("REQUIRED", error.Message, StringComparison.Ordinal);
        Assert.Contains("WriteRequiredColumns = false", error.Message, StringComparison.Ordinal);

        var path = folder.File("optional.parquet");
        await ExportAsync(mart, path, new OwoxParquetWriterOptions { WriteRequiredColumns = false });
        Assert.Equal("OPTIONAL", DuckDb.Repetition(path)["name"]);
        Assert.Equal([(1L, (object)"one"), (2L, "two"), (3L, DBNull.Value)], DuckDb.Query($"SELECT id, name FROM {DuckDb.Read(path)} ORDER BY id").Select(r => ((long)r[0], r[1])));
    }

    private string SnowflakeAmounts(params decimal[] amounts) => fixture.Emulator.CreateDataMart(new DataMartDefinition
    {
        Title = "Snowflake amounts",
        Storage = StorageFlavor.Snowflake,
        Columns = [new("ID", "NUMERIC") { IsPrimaryKey = true }, new("AMOUNT", "NUMERIC")],
    }, amounts.Select((amount, i) => (IReadOnlyList<object?>)[(long)(i + 1), amount]));

    private async Task<List<object>> ReadStringsAsync(string martId, string column)
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(martId, connection).ExecuteReaderAsync();
        var values = new List<object>();
        while (await reader.ReadAsync())
            values.Add(reader.GetString(reader.GetOrdinal(column)));
        return values;
    }

    private async Task<long> ExportAsync(string martId, string path, OwoxParquetWriterOptions? options = null)
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(martId, connection).ExecuteReaderAsync();
        return await OwoxParquetWriter.WriteFileAsync(reader, path, options);
    }
}
