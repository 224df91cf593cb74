using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Dapper;
using Owox.Data.Emulator;
using static Owox.Data.Tests.Integration.SqlE2E;

namespace Owox.Data.Tests.Integration;

/// <summary>
/// SQL the way report designers, query builders, connection validators and Dapper write it, end to end against the
/// emulator: rows are checked against the data generator, and the request against what the server recorded in the
/// run (its <c>httpData</c>) — or that no request was sent at all.
/// </summary>
public class ToolSqlTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly string[] AllColumns = [.. DemoMarts.AdPerformanceColumns];

    [Theory]
    [InlineData("SELECT * FROM \"{0}\" WHERE 1=0", true)]
    [InlineData("SELECT * FROM \"{0}\" WHERE 1=2", false)]
    [InlineData("SELECT * FROM {0} t WHERE t.country = 'DE' AND 0=1", true)]
    [InlineData("SELECT * FROM {0} LIMIT 0", false)]
    public async Task Schema_probes_answer_the_typed_schema_from_metadata_without_a_data_request(string template, bool async)
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        using var command = new OwoxCommand(string.Format(CultureInfo.InvariantCulture, template, Mart), connection);
        using (var reader = async ? await command.ExecuteReaderAsync() : command.ExecuteReader())
        {
            Assert.False(reader.HasRows);
            Assert.Equal(AllColumns, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
            Assert.Equal(typeof(DateTime), reader.GetFieldType(0));
            Assert.Equal(typeof(decimal), reader.GetFieldType(Array.IndexOf(AllColumns, "cost")));
            Assert.Equal(AllColumns.Length, reader.GetColumnSchema().Count);
            Assert.False(async ? await reader.ReadAsync() : reader.Read());
        }
        var table = new DataTable();
        using (var reader = command.ExecuteReader())
            table.Load(reader);
        Assert.Equal(AllColumns.Length, table.Columns.Count);
        Assert.Empty(table.Rows.Cast<DataRow>());
        NotSent(fixture, before);
    }

    [Fact]
    public async Task A_grand_total_over_an_always_false_condition_is_one_row_of_zero_counts_and_nulls()
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        var result = await QueryAsync(connection, $"SELECT COUNT(*) AS n, COUNT(clicks) AS c, SUM(cost) AS total, MAX(date) AS last FROM {Mart} WHERE 1 = 0");
        Assert.Equal([typeof(long), typeof(long), typeof(decimal), typeof(DateTime)], result.Types);
        Assert.Equal<object>([0L, 0L, DBNull.Value, DBNull.Value], Assert.Single(result.Rows));
        Assert.Empty((await QueryAsync(connection, $"SELECT country, COUNT(clicks) FROM {Mart} WHERE 1 = 0 GROUP BY country")).Rows);
        Assert.Empty((await QueryAsync(connection, $"SELECT COUNT(clicks) FROM {Mart} LIMIT 0")).Rows);
        NotSent(fixture, before);
    }

    [Fact]
    public async Task Fill_schema_schema_only_and_key_info_send_no_data_request()
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        using var adapter = OwoxFactory.Instance.CreateDataAdapter()!;
        adapter.SelectCommand = new OwoxCommand($"SELECT campaign, clicks FROM {Mart} WHERE clicks > 10", connection);
        var table = new DataTable();
        adapter.FillSchema(table, SchemaType.Source);
        Assert.Equal(["campaign", "clicks"], table.Columns.Cast<DataColumn>().Select(c => c.ColumnName));
        using var command = new OwoxCommand(Mart, connection);
        using (var reader = command.ExecuteReader(CommandBehavior.SchemaOnly | CommandBehavior.KeyInfo))
            Assert.Equal(AllColumns.Length, reader.GetSchemaTable().Rows.Count);
        NotSent(fixture, before);
    }

    [Fact]
    public async Task Without_a_schema_an_empty_probe_asks_for_one_row_and_returns_none()
    {
        await using var connection = await fixture.OpenAsync("Schema Source=Infer");
        var result = await QueryAsync(connection, $"SELECT campaign, clicks FROM {Mart} WHERE 1 = 0");
        Assert.Equal(["campaign", "clicks"], result.Names);
        Assert.Equal([typeof(string), typeof(long)], result.Types);
        Assert.Empty(result.Rows);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Health_checks_select_constants_answered_locally(bool async)
    {
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        Assert.Equal(1L, async ? await new OwoxCommand("SELECT 1", connection).ExecuteScalarAsync() : new OwoxCommand("SELECT 1", connection).ExecuteScalar());
        Assert.Equal(1, await connection.QuerySingleAsync<int>("select 1"));

        var when = new DateTime(2026, 5, 1, 12, 30, 0, DateTimeKind.Utc);
        var result = await QueryAsync(connection, "SELECT 1 AS one, 'x' AS s, 2.50, NULL, TRUE AS t, @p, @at AS at, @day AS day", async,
            new OwoxParameter("p", 7), new OwoxParameter("at", when), new OwoxParameter("day", new DateOnly(2026, 5, 1)));
        Assert.Equal(["one", "s", "2.50", "NULL", "t", "@p", "at", "day"], result.Names);
        Assert.Equal([typeof(long), typeof(string), typeof(decimal), typeof(string), typeof(bool), typeof(long), typeof(DateTime), typeof(DateTime)], result.Types);
        var row = Assert.Single(result.Rows);
        Assert.Equal<object>([1L, "x", 2.50m, DBNull.Value, true, 7L, when, new DateTime(2026, 5, 1)], row);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)row[6]).Kind);

        var now = await QueryAsync(connection, "SELECT CURRENT_TIMESTAMP AS now, CURRENT_DATE AS today", async);
        Assert.InRange((DateTime)now.Rows[0][0], DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(DateTime.UtcNow.Date, now.Rows[0][1]);
        NotSent(fixture, before);
    }

    [Theory]
    [InlineData("SELECT t.campaign, t.clicks FROM \"{0}\" AS t WHERE t.country = 'DE' ORDER BY t.clicks DESC, t.campaign")]
    [InlineData("SELECT t.campaign, clicks FROM {0} t WHERE country = 'DE' ORDER BY 2 DESC, 1")]
    [InlineData("SELECT \"{0}\".campaign, \"{0}\".clicks FROM \"{0}\" WHERE \"{0}\".country = 'DE' ORDER BY clicks DESC, campaign")]
    public async Task Query_builder_aliases_and_qualified_columns(string template)
    {
        await using var connection = await fixture.OpenAsync();
        var result = await QueryAsync(connection, string.Format(CultureInfo.InvariantCulture, template, Mart));
        Assert.Equal(["campaign", "clicks"], result.Names);
        var expected = All.Where(r => r.Country == "DE").OrderByDescending(r => r.Clicks).ThenBy(r => r.Campaign, StringComparer.Ordinal)
            .Select(r => new object[] { r.Campaign, r.Clicks });
        Assert.Equal(expected.Select(r => r[1]), result.Rows.Select(r => r[1]));
        Assert.Equal(expected.Select(r => (string)r[0]).Order(StringComparer.Ordinal), result.Rows.Select(r => r[0]).Cast<string>().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Order_by_an_unselected_column_is_requested_and_hidden()
    {
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand($"SELECT campaign FROM {Mart} ORDER BY created_at DESC LIMIT 25", connection);
        using var reader = await command.ExecuteReaderAsync();
        Assert.Equal(1, reader.FieldCount);
        Assert.Equal("campaign", reader.GetName(0));
        Assert.Single(reader.GetColumnSchema());
        Assert.Equal(1, reader.GetSchemaTable().Rows.Count);
        var campaigns = new List<string>();
        while (await reader.ReadAsync())
        {
            Assert.Throws<IndexOutOfRangeException>(() => reader.GetValue(1));
            campaigns.Add(reader.GetString(0));
        }
        Assert.Equal(All.OrderByDescending(r => r.CreatedAt).Take(25).Select(r => r.Campaign), campaigns);
        var sent = await SentAsync(reader.RunId!);
        Assert.Equal(["campaign", "created_at"], sent["columns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("""[{"column":"created_at","direction":"desc"}]""", sent["sort"]!.ToJsonString());
    }

    [Theory]
    [InlineData("SELECT campaign, created_at FROM {0} ORDER BY created_at LIMIT 7 OFFSET 30")]
    [InlineData("SELECT campaign, created_at FROM {0} ORDER BY created_at OFFSET 30 ROWS FETCH NEXT 7 ROWS ONLY")]
    [InlineData("SELECT campaign, created_at FROM {0} ORDER BY created_at LIMIT 30, 7")]
    public async Task Paging_grids_get_the_page_and_the_server_is_asked_for_limit_plus_offset(string template)
    {
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand(string.Format(CultureInfo.InvariantCulture, template, Mart), connection);
        using var reader = await command.ExecuteReaderAsync();
        var page = new List<string>();
        while (await reader.ReadAsync())
            page.Add(reader.GetString(0));
        Assert.Equal(All.OrderBy(r => r.CreatedAt).Skip(30).Take(7).Select(r => r.Campaign), page);
        Assert.Equal(7, reader.RowsRead);
        Assert.Equal(37, (await SentAsync(reader.RunId!))["limit"]!.GetValue<int>());
    }

    [Fact]
    public async Task Filter_ui_or_of_one_column_is_sent_as_in()
    {
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand($"SELECT campaign, country FROM {Mart} WHERE (country = 'DE' OR country = 'FR' OR country = @third) AND clicks > 100", connection);
        command.Parameters.Add(new OwoxParameter("third", "JP"));
        using var reader = await command.ExecuteReaderAsync();
        var countries = new List<string>();
        while (await reader.ReadAsync())
            countries.Add(reader.GetString(1));
        Assert.Equal(All.Where(r => r.Country is "DE" or "FR" or "JP" && r.Clicks > 100).Select(r => r.Country), countries);
        var filter = (await SentAsync(reader.RunId!))["filter"]!.ToJsonString();
        Assert.Equal("""[{"column":"country","operator":"in","value":["DE","FR","JP"]},{"column":"clicks","operator":"gt","value":100}]""", filter);
    }

    [Fact]
    public async Task Date_pickers_current_date_becomes_a_preset_or_a_utc_literal()
    {
        await using var connection = await fixture.OpenAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        using var preset = new OwoxCommand($"SELECT date FROM {Mart} WHERE date BETWEEN CURRENT_DATE - INTERVAL '399' DAY AND CURRENT_DATE", connection);
        using (var reader = await preset.ExecuteReaderAsync())
        {
            var dates = new List<DateTime>();
            while (await reader.ReadAsync())
                dates.Add(reader.GetDateTime(0));
            Assert.Equal(All.Where(r => r.Date >= today.AddDays(-399) && r.Date <= today).Select(r => Day(r.Date)), dates);
            Assert.NotEmpty(dates);
            Assert.Equal("""[{"column":"date","operator":"relative_date","value":{"kind":"last_n_days","n":400}}]""", (await SentAsync(reader.RunId!))["filter"]!.ToJsonString());
        }

        using var literal = new OwoxCommand($"SELECT date FROM {Mart} WHERE date >= DATEADD(month, -18, CURRENT_DATE) AND created_at < NOW()", connection);
        using (var reader = await literal.ExecuteReaderAsync())
        {
            var count = 0;
            while (await reader.ReadAsync())
                count++;
            Assert.Equal(All.Count(r => r.Date >= today.AddMonths(-18)), count);
            var filter = (await SentAsync(reader.RunId!))["filter"]!.AsArray();
            Assert.Equal(today.AddMonths(-18).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), filter[0]!["value"]!.GetValue<string>());
            Assert.Equal("lt", filter[1]!["operator"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Dapper_infers_stored_procedure_for_a_bare_id_and_it_streams_the_mart()
    {
        await using var connection = await fixture.OpenAsync();
        var rows = (await connection.QueryAsync(Mart)).ToList();
        Assert.Equal(All.Count, rows.Count);
        Assert.Equal(All.Count, (await connection.QueryAsync(Mart, commandType: CommandType.StoredProcedure)).Count());
        var e = await Assert.ThrowsAsync<OwoxException>(() => connection.QueryAsync($"SELECT * FROM {Mart}", commandType: CommandType.StoredProcedure));
        Assert.Equal(OwoxErrorCodes.SqlUnsupportedStatement, e.Code);
    }

    /// <summary>The request controls the server recorded for <paramref name="runId"/> (wire-protocol §3.12).</summary>
    private async Task<JsonObject> SentAsync(string runId) =>
        (await fixture.RunAsync(Mart, runId))!["additionalParams"]!["httpData"]!.AsObject();
}
