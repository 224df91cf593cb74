using System;
using System.Linq;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

public class ReportAndInferenceTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Fact]
    public async Task An_aggregated_report_has_typed_columns_from_its_definition()
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand("report:" + DemoMarts.CostByCountryReport, connection).ExecuteReaderAsync();
        Assert.Equal(["country", "cost | SUM", "ctr | AVG", "Row Count"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        Assert.Equal([typeof(string), typeof(decimal), typeof(double), typeof(long)], Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType));

        var expected = Enumerable.Range(0, EmulatorFixture.DemoRows).Select(DemoMarts.AdPerformanceRow)
            .GroupBy(r => r.Country)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Country: g.Key, Cost: g.Sum(r => r.Cost), Ctr: g.Average(r => r.Ctr), Rows: (long)g.Count()))
            .ToList();
        var index = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal(expected[index].Country, reader.GetString(0));
            Assert.Equal(expected[index].Cost, reader.GetDecimal(1));
            Assert.Equal(expected[index].Ctr, reader.GetDouble(2), 9);
            Assert.Equal(expected[index].Rows, reader.GetInt64(3));
            index++;
        }
        Assert.Equal(expected.Count, index);
    }

    [Fact]
    public async Task A_report_with_a_saved_filter_sort_and_limit_streams_its_rows()
    {
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand("report:" + DemoMarts.ActiveCampaignsReport, connection).ExecuteReaderAsync();
        Assert.Equal(["date", "campaign", "cost"], Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var expected = Enumerable.Range(0, EmulatorFixture.DemoRows).Select(DemoMarts.AdPerformanceRow)
            .Where(r => r.IsActive)
            .OrderByDescending(r => r.Date).ThenBy(r => r.Campaign, StringComparer.Ordinal)
            .Take(50)
            .ToList();
        var index = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal(expected[index].Date, reader.GetFieldValue<DateOnly>(0));
            Assert.Equal(expected[index].Cost, reader.GetDecimal(2));
            index++;
        }
        Assert.Equal(50, index);
    }

    [Fact]
    public async Task Without_metadata_types_are_inferred_from_the_first_rows_and_stay_stable()
    {
        await using var connection = await fixture.OpenAsync("Schema Source=Infer");
        using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();
        Assert.Equal(DemoMarts.AdPerformanceColumns, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        Assert.Equal(typeof(string), reader.GetFieldType(reader.GetOrdinal("date")));
        Assert.Equal(typeof(long), reader.GetFieldType(reader.GetOrdinal("impressions")));
        Assert.Equal(typeof(double), reader.GetFieldType(reader.GetOrdinal("ctr")));
        Assert.Equal(typeof(bool), reader.GetFieldType(reader.GetOrdinal("is_active")));
        Assert.Equal(typeof(string), reader.GetFieldType(reader.GetOrdinal("cost")));
        var rows = 0;
        while (await reader.ReadAsync())
        {
            var expected = DemoMarts.AdPerformanceRow(rows);
            Assert.Equal(expected.Impressions, reader.GetValue(reader.GetOrdinal("impressions")));
            Assert.Equal(expected.Cost, reader.GetDecimal(reader.GetOrdinal("cost")));
            Assert.Equal(expected.Date, reader.GetFieldValue<DateOnly>(reader.GetOrdinal("date")));
            rows++;
        }
        Assert.Equal(EmulatorFixture.DemoRows, rows);
    }

    [Fact]
    public async Task An_unknown_report_is_a_404()
    {
        await using var connection = await fixture.OpenAsync();
        var e = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand("report:00000000-0000-4000-9000-00000000dead", connection).ExecuteReaderAsync());
        Assert.Equal(404, e.StatusCode);
        Assert.Contains("Report with id", e.Message, StringComparison.Ordinal);
    }
}
