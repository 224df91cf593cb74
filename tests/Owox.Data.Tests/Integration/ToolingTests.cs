using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Microsoft.Data.Sqlite;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

public class ToolingTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    public sealed class AdRow
    {
        public DateTime Date { get; set; }
        public DateOnly DateOnly => System.DateOnly.FromDateTime(Date);
        public string Campaign { get; set; } = "";
        public string? Channel { get; set; }
        public long Impressions { get; set; }
        public int Clicks { get; set; }
        public decimal Cost { get; set; }
        public decimal? Revenue { get; set; }
        public double Ctr { get; set; }
        public bool Is_Active { get; set; }
        public DateTime Created_At { get; set; }
    }

    [Fact]
    public async Task Dapper_maps_rows_to_POCOs_buffered_and_unbuffered()
    {
        await using var connection = await fixture.OpenAsync();
        var rows = (await connection.QueryAsync<AdRow>(DemoMarts.AdPerformance)).ToList();
        Assert.Equal(EmulatorFixture.DemoRows, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = DemoMarts.AdPerformanceRow(i);
            Assert.Equal(expected.Date, rows[i].DateOnly);
            Assert.Equal(expected.Campaign, rows[i].Campaign);
            Assert.Equal(expected.Channel, rows[i].Channel);
            Assert.Equal(expected.Clicks, rows[i].Clicks);
            Assert.Equal(expected.Cost, rows[i].Cost);
            Assert.Equal(expected.Revenue, rows[i].Revenue);
            Assert.Equal(expected.Ctr, rows[i].Ctr);
            Assert.Equal(expected.IsActive, rows[i].Is_Active);
            Assert.Equal(DateTimeKind.Utc, rows[i].Created_At.Kind);
        }

        var streamed = 0;
        foreach (var row in connection.Query<AdRow>(DemoMarts.AdPerformance, buffered: false))
        {
            Assert.Equal(DemoMarts.AdPerformanceRow(streamed).Impressions, row.Impressions);
            if (++streamed == 10)
                break;
        }

        var dynamicRow = (await connection.QueryAsync(DemoMarts.AdPerformance)).First();
        Assert.Equal(DemoMarts.AdPerformanceRow(0).Campaign, (string)dynamicRow.campaign);
    }

    [Fact]
    public async Task DataTable_Load_keeps_types_and_adds_no_key_constraints()
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();
        var table = new DataTable();
        table.Load(reader);
        Assert.Equal(EmulatorFixture.DemoRows, table.Rows.Count);
        Assert.Empty(table.Constraints.Cast<Constraint>());
        Assert.Empty(table.PrimaryKey);
        Assert.Equal(typeof(decimal), table.Columns["cost"]!.DataType);
        Assert.Equal(["channel", "revenue", "notes"], table.Columns.Cast<DataColumn>().Where(c => c.AllowDBNull).Select(c => c.ColumnName));
        Assert.Equal(AdPerformanceExpectations.Row(5), table.Rows[5].ItemArray);
    }

    [Fact]
    public async Task DbDataAdapter_Fill_through_the_factory()
    {
        await using var connection = await fixture.OpenAsync();
        var adapter = OwoxFactory.Instance.CreateDataAdapter()!;
        adapter.SelectCommand = new OwoxCommand(DemoMarts.AdPerformance, connection);
        var set = new DataSet();
        Assert.Equal(EmulatorFixture.DemoRows, adapter.Fill(set));
        Assert.Equal(AdPerformanceExpectations.Row(999), set.Tables[0].Rows[999].ItemArray);
    }

    [Fact]
    public void DbProviderFactories_is_all_a_reporting_tool_needs()
    {
        DbProviderFactories.RegisterFactory(OwoxFactory.InvariantName, OwoxFactory.Instance);
        var factory = DbProviderFactories.GetFactory("Owox.Data");
        var builder = factory.CreateConnectionStringBuilder()!;
        builder["Api Key"] = fixture.ApiKey;
        using var connection = factory.CreateConnection()!;
        connection.ConnectionString = builder.ConnectionString;
        connection.Open();
        using var command = factory.CreateCommand()!;
        command.Connection = connection;
        command.CommandText = DemoMarts.AdPerformance;
        var parameter = factory.CreateParameter()!;
        Assert.IsType<OwoxParameter>(parameter);
        Assert.Null(factory.CreateCommandBuilder());
        var adapter = factory.CreateDataAdapter()!;
        adapter.SelectCommand = command;
        var table = new DataTable();
        adapter.Fill(table);
        Assert.Equal(EmulatorFixture.DemoRows, table.Rows.Count);
    }

    [Fact]
    public async Task A_reader_bulk_loads_into_SQLite_with_the_same_values_back()
    {
        await using var owox = await fixture.OpenAsync();
        await using var sqlite = new SqliteConnection("Data Source=:memory:");
        await sqlite.OpenAsync();
        await sqlite.ExecuteAsync("CREATE TABLE ads (date TEXT, campaign TEXT, channel TEXT, impressions INTEGER, cost TEXT, ctr REAL, is_active INTEGER, created_at TEXT)");

        using (var reader = await new OwoxCommand(DemoMarts.AdPerformance, owox).ExecuteReaderAsync())
        await using (var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync())
        {
            using var insert = sqlite.CreateCommand();
            insert.CommandText = "INSERT INTO ads VALUES ($date, $campaign, $channel, $impressions, $cost, $ctr, $is_active, $created_at)";
            var names = new[] { "date", "campaign", "channel", "impressions", "cost", "ctr", "is_active", "created_at" };
            var parameters = names.Select(n => insert.Parameters.Add("$" + n, SqliteType.Text)).ToArray();
            var ordinals = names.Select(reader.GetOrdinal).ToArray();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < names.Length; i++)
                    parameters[i].Value = reader.GetValue(ordinals[i]) is decimal d ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : reader.GetValue(ordinals[i]);
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }

        Assert.Equal(EmulatorFixture.DemoRows, await sqlite.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ads"));
        var back = (await sqlite.QueryAsync<(string Campaign, string? Channel, long Impressions, string Cost)>("SELECT campaign, channel, impressions, cost FROM ads")).ToList();
        for (var i = 0; i < back.Count; i++)
        {
            var expected = DemoMarts.AdPerformanceRow(i);
            Assert.Equal(expected.Campaign, back[i].Campaign);
            Assert.Equal(expected.Channel, back[i].Channel);
            Assert.Equal(expected.Impressions, back[i].Impressions);
            Assert.Equal(expected.Cost, decimal.Parse(back[i].Cost, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
