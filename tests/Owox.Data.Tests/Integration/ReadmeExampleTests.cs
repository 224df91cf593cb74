using System;
using System.Linq;
using System.Threading.Tasks;
using Dapper;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>The README's SQL example, run as written (with the demo mart's id), against LINQ over the same rows.</summary>
public class ReadmeExampleTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    public sealed record CountryCost(string Country, decimal Total, long Days);

    public sealed record AdRow(DateTime Date, string Campaign, decimal Cost);

    [Fact]
    public async Task The_README_Dapper_example_maps_records()
    {
        await using var connection = new OwoxConnection(fixture.ApiKey);
        var from = new DateTime(2026, 10, 1);
        var rows = (await connection.QueryAsync<AdRow>(
            $"""SELECT date, campaign, cost FROM "{DemoMarts.AdPerformance}" WHERE date >= @from""",
            new { from })).ToList();
        var expected = Enumerable.Range(0, EmulatorFixture.DemoRows).Select(DemoMarts.AdPerformanceRow)
            .Where(r => r.Date >= DateOnly.FromDateTime(from)).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(r => (r.Date.ToDateTime(TimeOnly.MinValue), r.Campaign, r.Cost)), rows.Select(r => (r.Date, r.Campaign, r.Cost)));
    }

    [Fact]
    public async Task The_README_SQL_example_runs_and_is_pushed_down()
    {
        await using var connection = await fixture.OpenAsync();
        var sql = $"""
            SELECT country, SUM(cost) AS total, COUNT(*) AS days
            FROM "{DemoMarts.AdPerformance}"
            WHERE date >= @from AND channel IN @channels AND campaign LIKE 'Brand%'
            GROUP BY country
            HAVING SUM(cost) > 1000
            ORDER BY total DESC
            LIMIT 20
            """;
        var rows = (await connection.QueryAsync<CountryCost>(sql, new { from = new DateTime(2025, 1, 1), channels = new[] { "google", "bing" } })).ToList();

        var expected = Enumerable.Range(0, EmulatorFixture.DemoRows).Select(DemoMarts.AdPerformanceRow)
            .Where(r => r.Date >= new DateOnly(2025, 1, 1) && r.Channel is "google" or "bing" && r.Campaign.StartsWith("Brand", StringComparison.Ordinal))
            .GroupBy(r => r.Country)
            .Select(g => new CountryCost(g.Key, g.Sum(r => r.Cost), g.Count()))
            .Where(c => c.Total > 1000)
            .OrderByDescending(c => c.Total)
            .Take(20)
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(e => e.Country), rows.Select(r => r.Country));
        Assert.Equal(expected.Select(e => e.Days), rows.Select(r => r.Days));
        Assert.All(expected.Zip(rows), pair => Assert.Equal(pair.First.Total, pair.Second.Total, 2));
    }
}
