using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>The GetSchema collections, against the emulator's metadata endpoints.</summary>
public class GetSchemaTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string[] CollectionNames = ["MetaDataCollections", "DataSourceInformation", "Restrictions", "DataTypes", "ReservedWords", "Tables", "Columns", "Views"];

    private static readonly (string Id, string Title, string Status, string Storage)[] DemoTables =
    [
        (DemoMarts.AdPerformance, "Ad performance", "PUBLISHED", "GOOGLE_BIGQUERY"),
        (DemoMarts.Empty, "Empty ad performance", "PUBLISHED", "GOOGLE_BIGQUERY"),
        (DemoMarts.Draft, "Draft ad performance", "DRAFT", "GOOGLE_BIGQUERY"),
        (DemoMarts.BigQuery, "BigQuery types", "PUBLISHED", "GOOGLE_BIGQUERY"),
        (DemoMarts.Athena, "Athena types", "PUBLISHED", "AWS_ATHENA"),
        (DemoMarts.Snowflake, "Snowflake types", "PUBLISHED", "SNOWFLAKE"),
        (DemoMarts.Redshift, "Redshift types", "PUBLISHED", "AWS_REDSHIFT"),
        (DemoMarts.Databricks, "Databricks types", "PUBLISHED", "DATABRICKS"),
        (DemoMarts.Benchmark, "Benchmark (pre-rendered payload)", "PUBLISHED", "GOOGLE_BIGQUERY"),
    ];

    private static readonly string[] AdTypes = ["DATE", "STRING", "STRING", "STRING", "INTEGER", "INTEGER", "INTEGER", "NUMERIC", "NUMERIC", "FLOAT", "BOOLEAN", "TIMESTAMP", "STRING"];

    private static List<object?[]> Rows(DataTable table) =>
        table.Rows.Cast<DataRow>().Select(r => r.ItemArray.Select(v => v is DBNull ? null : v).ToArray()).ToList();

    [Fact]
    public async Task MetaDataCollections_lists_every_collection_with_integer_counts()
    {
        await using var connection = await fixture.OpenAsync();
        var table = connection.GetSchema();
        Assert.Equal(DbMetaDataCollectionNames.MetaDataCollections, table.TableName);
        Assert.Equal(CollectionNames, table.Rows.Cast<DataRow>().Select(r => (string)r[DbMetaDataColumnNames.CollectionName]));
        Assert.Equal(typeof(int), table.Columns[DbMetaDataColumnNames.NumberOfRestrictions]!.DataType);
        Assert.Equal(typeof(int), table.Columns[DbMetaDataColumnNames.NumberOfIdentifierParts]!.DataType);
        var restrictions = table.Rows.Cast<DataRow>().ToDictionary(r => (string)r[0], r => (int)r[DbMetaDataColumnNames.NumberOfRestrictions]);
        Assert.Equal(3, restrictions["Tables"]);
        Assert.Equal(4, restrictions["Columns"]);
        Assert.Equal(0, restrictions["DataTypes"]);

        // Every listed collection can be fetched, and its Restrictions rows agree with the count.
        var restrictionRows = connection.GetSchema(DbMetaDataCollectionNames.Restrictions);
        foreach (var name in CollectionNames)
        {
            Assert.Equal(name, connection.GetSchema(name).TableName);
            Assert.Equal(restrictions[name], restrictionRows.Rows.Cast<DataRow>().Count(r => (string)r["CollectionName"] == name));
        }
    }

    [Fact]
    public async Task DataSourceInformation_describes_the_dialect()
    {
        await using var connection = await fixture.OpenAsync();
        var row = Assert.Single(connection.GetSchema(DbMetaDataCollectionNames.DataSourceInformation).Rows.Cast<DataRow>());
        Assert.Equal("OWOX Data Marts", row[DbMetaDataColumnNames.DataSourceProductName]);
        Assert.Equal(connection.ServerVersion, row[DbMetaDataColumnNames.DataSourceProductVersion]);
        Assert.Equal("@{0}", row[DbMetaDataColumnNames.ParameterMarkerFormat]);
        Assert.Equal(GroupByBehavior.ExactMatch, (GroupByBehavior)row[DbMetaDataColumnNames.GroupByBehavior]);
        Assert.Equal(IdentifierCase.Sensitive, (IdentifierCase)row[DbMetaDataColumnNames.IdentifierCase]);
        Assert.Equal(SupportedJoinOperators.None, (SupportedJoinOperators)row[DbMetaDataColumnNames.SupportedJoinOperators]);
        Assert.Matches((string)row[DbMetaDataColumnNames.ParameterMarkerPattern], "@from");
        Assert.Matches((string)row[DbMetaDataColumnNames.QuotedIdentifierPattern], "\"is \"\"quoted\"\"\"");
        Assert.Matches((string)row[DbMetaDataColumnNames.StringLiteralPattern], "'it''s'");
    }

    [Fact]
    public async Task DataTypes_and_ReservedWords()
    {
        await using var connection = await fixture.OpenAsync();
        var types = connection.GetSchema(DbMetaDataCollectionNames.DataTypes).Rows.Cast<DataRow>()
            .Where(r => (string)r["STORAGE_TYPE"] == "GOOGLE_BIGQUERY")
            .ToDictionary(r => (string)r[DbMetaDataColumnNames.TypeName], r => (string)r[DbMetaDataColumnNames.DataType]);
        Assert.Equal("System.Int64", types["INTEGER"]);
        Assert.Equal("System.Decimal", types["NUMERIC"]);
        Assert.Equal("System.Double", types["FLOAT"]);
        Assert.Equal("System.Boolean", types["BOOLEAN"]);
        Assert.Equal("System.DateTime", types["DATE"]);
        Assert.Equal("System.DateTime", types["TIMESTAMP"]);
        Assert.Equal("System.String", types["STRING"]);
        Assert.Equal("System.Byte[]", types["BYTES"]);
        Assert.All(types.Values, t => Assert.NotNull(Type.GetType(t)));

        var words = connection.GetSchema(DbMetaDataCollectionNames.ReservedWords).Rows.Cast<DataRow>().Select(r => (string)r[DbMetaDataColumnNames.ReservedWord]).ToList();
        Assert.Contains("SELECT", words);
        Assert.Contains("WHERE", words);
        Assert.Contains("LIMIT", words);
        Assert.Equal(words.Count, words.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Tables_lists_the_demo_marts_with_title_status_and_storage(bool async)
    {
        await using var connection = await fixture.OpenAsync();
        var table = async ? await connection.GetSchemaAsync("Tables") : connection.GetSchema("tables");

        Assert.Equal("Tables", table.TableName);
        Assert.Equal(["TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "TABLE_TYPE", "TITLE", "DESCRIPTION", "STATUS", "STORAGE_TYPE"], table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        var rows = table.Rows.Cast<DataRow>().ToDictionary(r => (string)r["TABLE_NAME"]);
        foreach (var (id, title, status, storage) in DemoTables)
        {
            var row = rows[id];
            Assert.Equal(title, row["TITLE"]);
            Assert.Equal(status, row["STATUS"]);
            Assert.Equal(storage, row["STORAGE_TYPE"]);
            Assert.Equal("BASE TABLE", row["TABLE_TYPE"]);
            Assert.Equal(DBNull.Value, row["TABLE_CATALOG"]);
            Assert.Equal(DBNull.Value, row["TABLE_SCHEMA"]);
        }
        Assert.Equal(DemoTables.Length, rows.Count);
        Assert.StartsWith("Deterministic", (string)rows[DemoMarts.AdPerformance]["DESCRIPTION"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tables_restricted_by_table_name_catalog_or_schema()
    {
        await using var connection = await fixture.OpenAsync();
        var one = connection.GetSchema("Tables", [null, null, DemoMarts.Snowflake]);
        var row = Assert.Single(one.Rows.Cast<DataRow>());
        Assert.Equal("Snowflake types", row["TITLE"]);

        var viaAsync = await connection.GetSchemaAsync("Tables", [null, "", DemoMarts.AdPerformance]);
        Assert.Equal("Ad performance", Assert.Single(viaAsync.Rows.Cast<DataRow>())["TITLE"]);

        Assert.Empty(connection.GetSchema("Tables", [null, null, "00000000-0000-4000-8000-00000000dead"]).Rows);
        Assert.Empty(connection.GetSchema("Tables", ["some_catalog"]).Rows);
        Assert.Empty(connection.GetSchema("Tables", [null, "some_schema", DemoMarts.AdPerformance]).Rows);
        Assert.Equal(DemoTables.Length, connection.GetSchema("Tables", [null, null, null]).Rows.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Columns_of_the_ad_performance_mart_in_order_with_storage_and_CLR_types(bool async)
    {
        await using var connection = await fixture.OpenAsync();
        string?[] restrictions = [null, null, DemoMarts.AdPerformance];
        var table = async ? await connection.GetSchemaAsync("Columns", restrictions) : connection.GetSchema("Columns", restrictions);

        Assert.Equal(13, table.Rows.Count);
        var rows = table.Rows.Cast<DataRow>().ToList();
        Assert.Equal(DemoMarts.AdPerformanceColumns, rows.Select(r => (string)r["COLUMN_NAME"]));
        Assert.Equal(Enumerable.Range(1, 13), rows.Select(r => (int)r["ORDINAL_POSITION"]));
        Assert.Equal(AdTypes, rows.Select(r => (string)r["DATA_TYPE"]));
        Assert.Equal(AdPerformanceExpectations.FieldTypes.Select(t => t.FullName), rows.Select(r => (string)r["CLR_TYPE"]));
        Assert.All(rows, r => Assert.Equal(DemoMarts.AdPerformance, r["TABLE_NAME"]));
        Assert.Equal("Spend in USD", rows[7]["DESCRIPTION"]);
        Assert.Equal("CTR", rows[9]["ALIAS"]);
        Assert.Equal([true, true, false], rows.Take(3).Select(r => (bool)r["IS_PRIMARY_KEY"]));

        // The reader of the same mart agrees with the collection.
        using var reader = new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReader(CommandBehavior.SchemaOnly);
        Assert.Equal(rows.Select(r => (string)r["CLR_TYPE"]), Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetFieldType(i).FullName));
        Assert.Equal(AdTypes, Enumerable.Range(0, reader.FieldCount).Select(reader.GetDataTypeName));
    }

    [Fact]
    public async Task Columns_restricted_by_column_name_and_for_every_mart()
    {
        await using var connection = await fixture.OpenAsync();
        var cost = Assert.Single(connection.GetSchema("Columns", [null, null, DemoMarts.AdPerformance, "cost"]).Rows.Cast<DataRow>());
        Assert.Equal(8, cost["ORDINAL_POSITION"]);
        Assert.Equal("NUMERIC", cost["DATA_TYPE"]);
        Assert.Equal("System.Decimal", cost["CLR_TYPE"]);
        Assert.Empty(connection.GetSchema("Columns", [null, null, DemoMarts.AdPerformance, "COST"]).Rows);
        Assert.Empty(connection.GetSchema("Columns", [null, null, "00000000-0000-4000-8000-00000000dead"]).Rows);
        Assert.Empty((await connection.GetSchemaAsync("Columns", [null, null, "Ad performance"])).Rows);
        Assert.Empty(connection.GetSchema("Columns", ["catalog", null, DemoMarts.AdPerformance]).Rows);

        var all = await connection.GetSchemaAsync("Columns");
        var byTable = all.Rows.Cast<DataRow>().GroupBy(r => (string)r["TABLE_NAME"]).ToDictionary(g => g.Key, g => g.Select(r => (string)r["COLUMN_NAME"]).ToList());
        Assert.Equal(DemoMarts.AdPerformanceColumns, byTable[DemoMarts.AdPerformance]);
        Assert.Equal(DemoMarts.AdPerformanceColumns, byTable[DemoMarts.Empty]);
        Assert.Contains("rec.x", byTable[DemoMarts.BigQuery]);
        Assert.DoesNotContain("secret", byTable[DemoMarts.BigQuery]);
        Assert.DoesNotContain("gone", byTable[DemoMarts.BigQuery]);
    }

    [Fact]
    public async Task Unknown_collections_and_too_many_restrictions_are_argument_errors()
    {
        await using var connection = await fixture.OpenAsync();
        var unknown = Assert.Throws<ArgumentException>(() => connection.GetSchema("Indexes"));
        Assert.Contains("'Indexes'", unknown.Message, StringComparison.Ordinal);
        foreach (var name in CollectionNames)
            Assert.Contains(name, unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => connection.GetSchemaAsync("Procedures"));

        var tooMany = Assert.Throws<ArgumentException>(() => connection.GetSchema("Tables", [null, null, DemoMarts.AdPerformance, "cost"]));
        Assert.Contains("Tables", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("3", tooMany.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => connection.GetSchema("Columns", [null, null, null, null, null]));
        await Assert.ThrowsAsync<ArgumentException>(() => connection.GetSchemaAsync("DataTypes", ["x"]));

        using var closed = new OwoxConnection(fixture.ApiKey);
        Assert.Throws<InvalidOperationException>(() => closed.GetSchema("Tables"));
    }
}
