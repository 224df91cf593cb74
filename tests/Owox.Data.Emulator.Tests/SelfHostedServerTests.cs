using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

/// <summary>The self-hosted 0.35.0 server without a Cloud licence (wire-protocol §10), over raw HTTP.</summary>
public sealed class SelfHostedServerTests : IAsyncLifetime
{
    private OwoxEmulator _emulator = null!;
    private ApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 5, Server = EmulatedServer.SelfHosted035 });
        _client = await ApiClient.ConnectAsync(_emulator.ApiKey);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    private static void AssertLicenseRefusal(JsonElement body)
    {
        Assert.Equal(400, body.GetProperty("statusCode").GetInt32());
        Assert.StartsWith("Report Runs require an active OWOX Data Marts Cloud license", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["LICENSE_REQUIRED"], body.GetProperty("errorDetails").GetProperty("blockedReasons").EnumerateArray().Select(r => r.GetString()));
        Assert.False(body.TryGetProperty("error", out _), "business shape B has no reason phrase");
    }

    [Fact]
    public async Task Data_mart_streams_are_refused_and_recorded_as_restricted_runs()
    {
        var filter = ApiClient.Encode("""[{"column":"channel","operator":"eq","value":"google"}]""");
        AssertLicenseRefusal(await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=date&filter=" + filter), HttpStatusCode.BadRequest));

        var run = Assert.Single((await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs")).GetProperty("runs").EnumerateArray());
        Assert.Equal("RESTRICTED", run.GetProperty("status").GetString());
        Assert.StartsWith("Report Runs require", run.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        var httpData = run.GetProperty("additionalParams").GetProperty("httpData");
        Assert.Equal("channel", httpData.GetProperty("filter")[0].GetProperty("column").GetString());
        Assert.False(httpData.GetProperty("completed").GetBoolean());
        Assert.Equal(1, _emulator.DataRequestCount);
    }

    [Fact]
    public async Task Report_and_benchmark_streams_are_refused_too()
    {
        AssertLicenseRefusal(await _client.ErrorAsync($"/api/external/http-data/reports/{DemoMarts.CostByCountryReport}.ndjson", HttpStatusCode.BadRequest));
        var run = Assert.Single((await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs")).GetProperty("runs").EnumerateArray());
        Assert.Equal(DemoMarts.CostByCountryReport, run.GetProperty("reportId").GetString());
        Assert.Equal("RESTRICTED", run.GetProperty("status").GetString());
        AssertLicenseRefusal(await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.Benchmark), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Validation_not_found_and_auth_come_before_the_license_and_record_no_run()
    {
        var invalid = await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "offset=1"), HttpStatusCode.BadRequest);
        Assert.Equal("""offset: Parameter "offset" is not supported by HTTP Data API""", invalid.GetProperty("message").GetString());
        Assert.False(invalid.TryGetProperty("errorDetails", out _));

        var missing = await _client.ErrorAsync(ApiClient.DataMartPath("no-such-mart"), HttpStatusCode.NotFound);
        Assert.StartsWith("Data Mart with id no-such-mart", missing.GetProperty("message").GetString(), StringComparison.Ordinal);
        await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.Draft), HttpStatusCode.NotFound);
        await _client.ErrorAsync("/api/external/http-data/reports/no-such-report.ndjson", HttpStatusCode.NotFound);

        using (var anonymous = await _client.Http.GetAsync(new Uri(_client.Origin, ApiClient.DataMartPath(DemoMarts.AdPerformance))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        Assert.Equal(0, (await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs")).GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task The_license_comes_before_column_resolution()
    {
        AssertLicenseRefusal(await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=ghost"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Data_mart_bodies_carry_empty_warnings_and_output_schemas_are_served()
    {
        var mart = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}");
        Assert.Equal(0, mart.GetProperty("warnings").GetArrayLength());
        var columns = (await _client.GetJsonAsync($"/api/reports/{DemoMarts.ActiveCampaignsReport}/output-schema")).GetProperty("columns");
        Assert.Equal(["date", "campaign", "cost"], columns.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_reference_server_has_no_warnings_member()
    {
        await using var reference = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 1 });
        using var client = await ApiClient.ConnectAsync(reference.ApiKey);
        var mart = await client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}");
        Assert.False(mart.TryGetProperty("warnings", out _));
    }
}
