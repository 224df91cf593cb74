using System;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Tests.Schema;

/// <summary>DataTypes per warehouse with the standard columns, Columns with precision, scale and nullability, and Views of reports.</summary>
public class SchemaCollectionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string[] StandardDataTypeColumns =
    [
        DbMetaDataColumnNames.TypeName, DbMetaDataColumnNames.ProviderDbType, DbMetaDataColumnNames.ColumnSize, DbMetaDataColumnNames.CreateFormat,
        DbMetaDataColumnNames.CreateParameters, DbMetaDataColumnNames.DataType, DbMetaDataColumnNames.IsAutoIncrementable, DbMetaDataColumnNames.IsBestMatch,
        DbMetaDataColumnNames.IsCaseSensitive, DbMetaDataColumnNames.IsFixedLength, DbMetaDataColumnNames.IsFixedPrecisionScale, DbMetaDataColumnNames.IsLong,
        DbMetaDataColumnNames.IsNullable, DbMetaDataColumnNames.IsSearchable, DbMetaDataColumnNames.IsSearchableWithLike, DbMetaDataColumnNames.IsUnsigned,
        DbMetaDataColumnNames.MaximumScale, DbMetaDataColumnNames.MinimumScale, DbMetaDataColumnNames.IsConcurrencyType, DbMetaDataColumnNames.IsLiteralSupported,
        DbMetaDataColumnNames.LiteralPrefix, DbMetaDataColumnNames.LiteralSuffix,
    ];

    [Fact]
    public async Task DataTypes_has_every_standard_column_for_every_warehouses_type_names()
    {
        await using var connection = await fixture.OpenAsync();
        var table = connection.GetSchema(DbMetaDataCollectionNames.DataTypes);
        Assert.All(StandardDataTypeColumns, c => Assert.Contains(c, table.Columns.Cast<DataColumn>().Select(d => d.ColumnName)));
        var rows = table.Rows.Cast<DataRow>().ToList();
        DataRow Row(string storage, string type) => Assert.Single(rows, r => (string)r["STORAGE_TYPE"] == storage && (string)r[DbMetaDataColumnNames.TypeName] == type);

        Assert.Equal("System.String", Row("AWS_REDSHIFT", "VARCHAR")[DbMetaDataColumnNames.DataType]);
        Assert.Equal("System.String", Row("AWS_REDSHIFT", "SUPER")[DbMetaDataColumnNames.DataType]);
        Assert.Equal("System.Double", Row("AWS_ATHENA", "DOUBLE")[DbMetaDataColumnNames.DataType]);
        Assert.Equal("System.DateTime", Row("DATABRICKS", "TIMESTAMP_NTZ")[DbMetaDataColumnNames.DataType]);
        Assert.Equal("System.Decimal", Row("SNOWFLAKE", "NUMERIC")[DbMetaDataColumnNames.DataType]);

        var numeric = Row("GOOGLE_BIGQUERY", "NUMERIC");
        Assert.Equal(38L, numeric[DbMetaDataColumnNames.ColumnSize]);
        Assert.Equal(true, numeric[DbMetaDataColumnNames.IsFixedPrecisionScale]);
        Assert.Equal((short)9, numeric[DbMetaDataColumnNames.MinimumScale]);
        Assert.Equal((short)9, numeric[DbMetaDataColumnNames.MaximumScale]);
        Assert.Equal(false, numeric[DbMetaDataColumnNames.IsUnsigned]);
        Assert.Equal("DECIMAL({0}, {1})", Row("AWS_REDSHIFT", "DECIMAL")[DbMetaDataColumnNames.CreateFormat]);
        Assert.Equal("precision,scale", Row("DATABRICKS", "DECIMAL")[DbMetaDataColumnNames.CreateParameters]);
        Assert.Equal(19L, Row("AWS_REDSHIFT", "BIGINT")[DbMetaDataColumnNames.ColumnSize]);
        Assert.Equal(true, Row("AWS_ATHENA", "VARCHAR")[DbMetaDataColumnNames.IsSearchableWithLike]);
        Assert.Equal("'", Row("DATABRICKS", "STRING")[DbMetaDataColumnNames.LiteralPrefix]);

        // One best match per warehouse and CLR type: the type a value of it is stored as.
        Assert.All(rows.GroupBy(r => ((string)r["STORAGE_TYPE"], (string)r[DbMetaDataColumnNames.DataType])), g => Assert.Single(g, r => (bool)r[DbMetaDataColumnNames.IsBestMatch]));
        Assert.Equal(true, Row("GOOGLE_BIGQUERY", "TIMESTAMP")[DbMetaDataColumnNames.IsBestMatch]);
        Assert.Equal(true, Row("AWS_REDSHIFT", "BIGINT")[DbMetaDataColumnNames.IsBestMatch]);
        Assert.Equal(5, rows.Select(r => (string)r["STORAGE_TYPE"]).Distinct().Count());
        Assert.All(rows, r => Assert.NotNull(Type.GetType((string)r[DbMetaDataColumnNames.DataType])));
    }

    [Fact]
    public async Task Columns_reports_precision_scale_size_and_true_nullability()
    {
        await using var connection = await fixture.OpenAsync();
        var rows = connection.GetSchema("Columns", [null, null, DemoMarts.BigQuery]).Rows.Cast<DataRow>().ToDictionary(r => (string)r["COLUMN_NAME"]);
        Assert.Equal("NO", rows["id"]["IS_NULLABLE"]);
        Assert.Equal((short)19, rows["id"]["NUMERIC_PRECISION"]);
        Assert.Equal((short)0, rows["id"]["NUMERIC_SCALE"]);
        Assert.Equal(8, rows["id"]["COLUMN_SIZE"]);
        Assert.Equal("YES", rows["amount"]["IS_NULLABLE"]);
        Assert.Equal((short)38, rows["amount"]["NUMERIC_PRECISION"]);
        Assert.Equal((short)9, rows["amount"]["NUMERIC_SCALE"]);
        Assert.Equal((short)76, rows["big"]["NUMERIC_PRECISION"]);
        Assert.Equal(DBNull.Value, rows["name"]["NUMERIC_PRECISION"]);
        Assert.Equal(DBNull.Value, rows["name"]["CHARACTER_MAXIMUM_LENGTH"]);
        Assert.Equal("YES", rows["rec.x"]["IS_NULLABLE"]);

        var ad = connection.GetSchema("Columns", [null, null, DemoMarts.AdPerformance]).Rows.Cast<DataRow>();
        Assert.Equal(["channel", "revenue", "notes"], ad.Where(r => (string)r["IS_NULLABLE"] == "YES").Select(r => (string)r["COLUMN_NAME"]));

        var redshift = connection.GetSchema("Columns", [null, null, DemoMarts.Redshift, "id"]).Rows[0];
        Assert.Equal((short)10, redshift["NUMERIC_PRECISION"]);
        Assert.Equal(4, redshift["COLUMN_SIZE"]);
    }

    [Fact]
    public async Task Views_lists_the_reports_with_their_data_mart_and_takes_restrictions()
    {
        await using var connection = await fixture.OpenAsync();
        var all = (await connection.GetSchemaAsync("Views")).Rows.Cast<DataRow>().OrderBy(r => (string)r["TITLE"], StringComparer.Ordinal).ToList();
        Assert.Equal(["Active campaigns", "Cost by country"], all.Select(r => (string)r["TITLE"]));
        Assert.Equal([DemoMarts.ActiveCampaignsReport, DemoMarts.CostByCountryReport], all.Select(r => (string)r["TABLE_NAME"]));
        Assert.All(all, r => Assert.Equal(DemoMarts.AdPerformance, r["DATA_MART_ID"]));
        Assert.All(all, r => Assert.Equal("Ad performance", r["DATA_MART_TITLE"]));

        var one = Assert.Single(connection.GetSchema("Views", [null, null, DemoMarts.CostByCountryReport]).Rows.Cast<DataRow>());
        Assert.Equal("report:" + DemoMarts.CostByCountryReport, one["COMMAND_TEXT"]);
        Assert.Equal(2, connection.GetSchema("Views", [null, null, null, DemoMarts.AdPerformance]).Rows.Count);
        Assert.Empty(connection.GetSchema("Views", [null, null, null, DemoMarts.Athena]).Rows);
        Assert.Empty(connection.GetSchema("Views", [null, null, null, "00000000-0000-4000-8000-00000000dead"]).Rows);
        Assert.Empty(connection.GetSchema("Views", ["catalog"]).Rows);
        Assert.Throws<ArgumentException>(() => connection.GetSchema("Views", [null, null, null, null, null]));

        using var reader = new OwoxCommand((string)one["COMMAND_TEXT"], connection).ExecuteReader();
        Assert.True(reader.Read());
    }
}
