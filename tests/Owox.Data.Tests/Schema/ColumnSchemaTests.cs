using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Tests.Integration;
using Owox.Data.Types;

namespace Owox.Data.Tests.Schema;

/// <summary>Precision, scale, size, nullability and keys in GetColumnSchema/GetSchemaTable, and what DataTable.Load and Fill make of them.</summary>
public class ColumnSchemaTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static async Task<Dictionary<string, DbColumn>> ColumnsAsync(OwoxConnection connection, string commandText, CommandBehavior behavior = CommandBehavior.SchemaOnly)
    {
        using var command = new OwoxCommand(commandText, connection);
        using var reader = await command.ExecuteReaderAsync(behavior);
        return reader.GetColumnSchema().ToDictionary(c => c.ColumnName);
    }

    private static void AssertFacts(DbColumn column, int size, int? precision, int? scale)
    {
        Assert.Equal(size, column.ColumnSize);
        Assert.Equal(precision, column.NumericPrecision);
        Assert.Equal(scale, column.NumericScale);
    }

    [Fact]
    public async Task BigQuery_columns_carry_the_storage_types_precision_scale_size_and_REQUIRED_mode()
    {
        await using var connection = await fixture.OpenAsync();
        var columns = await ColumnsAsync(connection, DemoMarts.BigQuery);
        AssertFacts(columns["id"], 8, 19, 0);
        AssertFacts(columns["amount"], 16, 38, 9);
        AssertFacts(columns["big"], 32, 76, 38);
        AssertFacts(columns["ratio"], 8, 15, null);
        AssertFacts(columns["flag"], 1, null, null);
        AssertFacts(columns["ts"], 8, null, null);
        AssertFacts(columns["name"], -1, null, null);
        AssertFacts(columns["doc"], -1, null, null);
        Assert.False(columns["id"].AllowDBNull);
        Assert.True(columns["id"].IsKey);
        Assert.All(columns.Values.Where(c => c.ColumnName != "id"), c => Assert.True(c.AllowDBNull));
        Assert.All(columns.Values.Where(c => c.ColumnName != "id"), c => Assert.False(c.IsKey));
        Assert.All(columns.Values, c => Assert.False(c.IsUnique));
    }

    [Theory]
    [InlineData(DemoMarts.Athena, "id", 8, 19, 0)]
    [InlineData(DemoMarts.Athena, "small", 4, 10, 0)]
    [InlineData(DemoMarts.Athena, "ratio", 8, 15, null)]
    [InlineData(DemoMarts.Athena, "amount", -1, null, null)]
    [InlineData(DemoMarts.Snowflake, "ID", -1, 38, null)]
    [InlineData(DemoMarts.Snowflake, "N", -1, 38, 0)]
    [InlineData(DemoMarts.Snowflake, "RATIO", 8, 15, null)]
    [InlineData(DemoMarts.Redshift, "id", 4, 10, 0)]
    [InlineData(DemoMarts.Redshift, "big", 8, 19, 0)]
    [InlineData(DemoMarts.Redshift, "ratio", 8, 15, null)]
    [InlineData(DemoMarts.Redshift, "flag", 1, null, null)]
    [InlineData(DemoMarts.Databricks, "id", 4, 10, 0)]
    [InlineData(DemoMarts.Databricks, "ratio", 8, 15, null)]
    [InlineData(DemoMarts.Databricks, "amount", -1, null, null)]
    public async Task Other_warehouses_report_what_their_type_names_fix(string mart, string column, int size, int? precision, int? scale)
    {
        await using var connection = await fixture.OpenAsync();
        var columns = await ColumnsAsync(connection, mart);
        AssertFacts(columns[column], size, precision, scale);
        Assert.True(columns[column].AllowDBNull);
    }

    [Theory]
    [InlineData("DATABRICKS", "DECIMAL(12,2)", null, (short)12, (short)2, null)]
    [InlineData("AWS_REDSHIFT", "numeric(18, 4)", null, (short)18, (short)4, null)]
    [InlineData("SNOWFLAKE", "NUMBER(10)", null, (short)10, (short)0, null)]
    [InlineData("GOOGLE_BIGQUERY", "NUMERIC(20,3)", null, (short)20, (short)3, null)]
    [InlineData("AWS_REDSHIFT", "VARCHAR(256)", null, null, null, 256)]
    [InlineData("AWS_ATHENA", "FLOAT", 4, (short)7, null, null)]
    [InlineData(null, "INTEGER", null, null, null, null)]
    [InlineData("AWS_REDSHIFT", "DECIMAL(a,b)", null, null, null, null)]
    public void Type_parameters_are_read_when_a_type_name_carries_them(string? storage, string type, int? size, short? precision, short? scale, int? length) =>
        Assert.Equal(new StorageTypeFacts(size, precision, scale, length), StorageTypeFacts.Of(storage, type));

    [Fact]
    public async Task A_nested_field_is_nullable_when_its_record_is()
    {
        await using var connection = await fixture.OpenAsync();
        var columns = await ColumnsAsync(connection, DemoMarts.BigQuery);
        Assert.True(columns["rec.x"].AllowDBNull);
        AssertFacts(columns["rec.z"], 16, 38, 9);
    }

    [Fact]
    public async Task A_key_is_reported_only_while_the_result_keeps_all_of_it()
    {
        await using var connection = await fixture.OpenAsync();
        var whole = await ColumnsAsync(connection, $"SELECT campaign, date, cost FROM {DemoMarts.AdPerformance}");
        Assert.True(whole["date"].IsKey);
        Assert.True(whole["campaign"].IsKey);
        Assert.False(whole["cost"].IsKey);

        var partial = await ColumnsAsync(connection, $"SELECT date, cost FROM {DemoMarts.AdPerformance}");
        Assert.False(partial["date"].IsKey);
        Assert.False(partial["date"].AllowDBNull);

        var grouped = await ColumnsAsync(connection, $"SELECT date, campaign, COUNT(*) AS n, SUM(revenue) AS rev FROM {DemoMarts.AdPerformance} GROUP BY date, campaign");
        Assert.All(grouped.Values, c => Assert.False(c.IsKey));
        Assert.False(grouped["n"].AllowDBNull);
        Assert.True(grouped["rev"].AllowDBNull);
        Assert.False(grouped["date"].AllowDBNull);
    }

    [Fact]
    public async Task The_schema_table_reports_keys_only_under_KeyInfo()
    {
        await using var connection = await fixture.OpenAsync();
        using (var reader = await new OwoxCommand(DemoMarts.BigQuery, connection).ExecuteReaderAsync(CommandBehavior.SchemaOnly))
        {
            var row = reader.GetSchemaTable().Rows[0];
            Assert.Equal("id", row[SchemaTableColumn.ColumnName]);
            Assert.Equal(false, row[SchemaTableColumn.AllowDBNull]);
            Assert.Equal(false, row[SchemaTableColumn.IsKey]);
            Assert.Equal((short)19, row[SchemaTableColumn.NumericPrecision]);
            Assert.Equal((short)0, row[SchemaTableColumn.NumericScale]);
            Assert.Equal(8, row[SchemaTableColumn.ColumnSize]);
        }
        using (var reader = await new OwoxCommand(DemoMarts.BigQuery, connection).ExecuteReaderAsync(CommandBehavior.SchemaOnly | CommandBehavior.KeyInfo))
            Assert.Equal(true, reader.GetSchemaTable().Rows[0][SchemaTableColumn.IsKey]);
    }

    [Fact]
    public async Task DbDataAdapter_Fill_with_and_without_key_info_succeeds()
    {
        await using var connection = await fixture.OpenAsync();
        using var adapter = new OwoxDataAdapter(new OwoxCommand(DemoMarts.AdPerformance, connection));
        var plain = new DataTable();
        Assert.Equal(EmulatorFixture.DemoRows, adapter.Fill(plain));
        Assert.Empty(plain.Constraints.Cast<Constraint>());

        using var keyed = new OwoxDataAdapter(new OwoxCommand(DemoMarts.BigQuery, connection)) { MissingSchemaAction = MissingSchemaAction.AddWithKey };
        var withKey = new DataTable();
        Assert.Equal(3, keyed.Fill(withKey));
        Assert.Equal(["id"], withKey.PrimaryKey.Select(c => c.ColumnName));
        Assert.False(withKey.Columns["id"]!.AllowDBNull);
        Assert.True(withKey.Columns["name"]!.AllowDBNull);
    }
}
