using System;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using static Owox.Data.Tests.Integration.SqlE2E;

namespace Owox.Data.Tests.Integration;

/// <summary>A reporting tool that only knows the invariant name "Owox.Data" and the System.Data.Common abstractions.</summary>
public class ProviderFactoryTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static DbProviderFactory Factory()
    {
        DbProviderFactories.RegisterFactory(OwoxFactory.InvariantName, OwoxFactory.Instance);
        return DbProviderFactories.GetFactory("Owox.Data");
    }

    private DbConnection Connect(DbProviderFactory factory)
    {
        var builder = factory.CreateConnectionStringBuilder()!;
        builder["Api Key"] = fixture.ApiKey;
        builder["Command Timeout"] = 20;
        var connection = factory.CreateConnection()!;
        connection.ConnectionString = builder.ConnectionString;
        return connection;
    }

    [Fact]
    public void The_factory_is_found_by_invariant_name()
    {
        var factory = Factory();
        Assert.Same(OwoxFactory.Instance, factory);
        Assert.Same(OwoxFactory.Instance, DbProviderFactories.GetFactory(Connect(factory)));
        Assert.Contains(OwoxFactory.InvariantName, DbProviderFactories.GetProviderInvariantNames());
        Assert.True(factory.CanCreateDataAdapter);
        Assert.False(factory.CanCreateCommandBuilder);
        Assert.Null(factory.CreateCommandBuilder());
    }

    [Fact]
    public async Task A_reporting_tool_browses_then_fills_a_DataTable_from_a_parameterised_SELECT()
    {
        var factory = Factory();
        await using var connection = Connect(factory);
        await connection.OpenAsync();
        Assert.Equal(ConnectionState.Open, connection.State);

        // 1. Browse: the data marts, then the columns of the one the user picked.
        var tables = connection.GetSchema("Tables");
        var picked = tables.Rows.Cast<DataRow>().Single(r => (string)r["TITLE"] == "Ad performance");
        var martId = (string)picked["TABLE_NAME"];
        Assert.Equal(DemoMarts.AdPerformance, martId);
        var columns = await connection.GetSchemaAsync("Columns", [null, null, martId]);
        var columnNames = columns.Rows.Cast<DataRow>().Select(r => (string)r["COLUMN_NAME"]).ToList();
        Assert.Equal(DemoMarts.AdPerformanceColumns, columnNames);

        // 2. Query through factory-made command and parameters, quoting names the way DataSourceInformation says.
        using var command = connection.CreateCommand();
        Assert.IsType<OwoxCommand>(command);
        command.CommandText =
            $"SELECT \"date\", \"campaign\", \"country\", \"cost\", \"revenue\" FROM \"{martId}\" WHERE \"country\" = @country AND \"date\" >= @from AND \"clicks\" >= @minClicks ORDER BY \"date\", \"cost\" DESC";
        var country = factory.CreateParameter()!;
        country.ParameterName = "@country";
        country.DbType = DbType.String;
        country.Value = "BR";
        var from = factory.CreateParameter()!;
        from.ParameterName = "from";
        from.DbType = DbType.Date;
        from.Value = new DateTime(2025, 7, 1);
        var minClicks = command.CreateParameter();
        minClicks.ParameterName = "minClicks";
        minClicks.Value = 20;
        command.Parameters.Add(country);
        command.Parameters.Add(from);
        command.Parameters.Add(minClicks);

        // 3. Fill.
        var adapter = factory.CreateDataAdapter()!;
        adapter.SelectCommand = command;
        var table = new DataTable();
        var filled = adapter.Fill(table);

        var expected = All.Where(r => r.Country == "BR" && r.Date >= new DateOnly(2025, 7, 1) && r.Clicks >= 20)
            .OrderBy(r => r.Date).ThenByDescending(r => r.Cost)
            .Select(r => new object[] { Day(r.Date), r.Campaign, r.Country, r.Cost, (object?)r.Revenue ?? DBNull.Value })
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, filled);
        Assert.Equal(["date", "campaign", "country", "cost", "revenue"], table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        Assert.Equal([typeof(DateTime), typeof(string), typeof(string), typeof(decimal), typeof(decimal)], table.Columns.Cast<DataColumn>().Select(c => c.DataType));
        Assert.Equal(expected, table.Rows.Cast<DataRow>().Select(r => r.ItemArray));
        Assert.Equal(ConnectionState.Open, connection.State);
    }

    [Fact]
    public void An_adapter_opens_and_closes_a_closed_connection_and_fills_an_aggregate()
    {
        var factory = Factory();
        using var connection = Connect(factory);
        using var command = factory.CreateCommand()!;
        command.Connection = connection;
        command.CommandText = $"SELECT channel, COUNT(*) AS rows_, SUM(conversions) AS conversions FROM {DemoMarts.AdPerformance} WHERE channel IS NOT NULL GROUP BY channel ORDER BY channel";
        var adapter = factory.CreateDataAdapter()!;
        adapter.SelectCommand = command;
        var set = new DataSet();

        adapter.Fill(set);

        Assert.Equal(ConnectionState.Closed, connection.State);
        var expected = All.Where(r => r.Channel is not null).GroupBy(r => r.Channel!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new object[] { g.Key, (long)g.Count(), g.Sum(r => r.Conversions) }).ToList();
        Assert.Equal(expected, set.Tables[0].Rows.Cast<DataRow>().Select(r => r.ItemArray));
        Assert.Equal(typeof(long), set.Tables[0].Columns["rows_"]!.DataType);
    }
}
