using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class ReportTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private static readonly AdPerformanceRow[] All = Expected.All(EmulatorFixture.Rows);
    private readonly ApiClient _client = fixture.Client;

    private static string Path(string id, string query = "") => $"/api/external/http-data/reports/{id}.ndjson{(query.Length > 0 ? "?" + query : "")}";

    [Fact]
    public async Task Report_applies_its_saved_controls()
    {
        var rows = await _client.RowsAsync(Path(DemoMarts.ActiveCampaignsReport));
        var expected = All.Where(r => r.IsActive).OrderByDescending(r => r.Date).ThenBy(r => r.Campaign, StringComparer.Ordinal).Take(50).ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal(["date", "campaign", "cost"], ApiClient.Keys(r)));
        Assert.Equal(expected.Select(r => r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), rows.Select(r => r.GetProperty("date").GetString()));
    }

    [Fact]
    public async Task Limit_overrides_the_saved_limit()
    {
        Assert.Equal(3, (await _client.RowsAsync(Path(DemoMarts.ActiveCampaignsReport, "limit=3"))).Count);
    }

    [Fact]
    public async Task Aggregated_report_uses_labels()
    {
        var rows = await _client.RowsAsync(Path(DemoMarts.CostByCountryReport));
        var groups = All.GroupBy(r => r.Country).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(groups.Select(g => g.Key), rows.Select(r => r.GetProperty("country").GetString()));
        Assert.Equal(["country", "cost | SUM", "ctr | AVG", "Row Count"], ApiClient.Keys(rows[0]));
    }

    [Fact]
    public async Task Other_parameters_are_rejected()
    {
        var body = await _client.ErrorAsync(Path(DemoMarts.ActiveCampaignsReport, "filter=abc"), HttpStatusCode.BadRequest);
        Assert.Equal("Unrecognized key(s) in object: 'filter'", body.GetProperty("message").GetString());
        var limit = await _client.ErrorAsync(Path(DemoMarts.ActiveCampaignsReport, "limit=0"), HttpStatusCode.BadRequest);
        Assert.Equal("limit: limit must be ≥ 1", limit.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unknown_report_is_404()
    {
        var body = await _client.ErrorAsync(Path("nope"), HttpStatusCode.NotFound);
        Assert.Equal("Report with id nope not found", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Report_run_is_tagged()
    {
        using var response = await _client.GetAsync(Path(DemoMarts.ActiveCampaignsReport, "limit=2"));
        await response.Content.ReadAsByteArrayAsync();
        var run = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{response.Headers.GetValues("x-owox-run-id").Single()}");
        Assert.Equal(DemoMarts.ActiveCampaignsReport, run.GetProperty("reportId").GetString());
        Assert.Equal(2, run.GetProperty("additionalParams").GetProperty("httpData").GetProperty("rowCount").GetInt32());
        Assert.StartsWith("SELECT ", run.GetProperty("additionalParams").GetProperty("httpData").GetProperty("executionSqlQuery").GetString());
    }
}
