using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class MetadataTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ApiClient _client = fixture.Client;

    [Fact]
    public async Task List_includes_drafts_without_schema_and_pages_by_1000()
    {
        var list = await _client.GetJsonAsync("/api/data-marts");
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, i => i.GetProperty("id").GetString() == DemoMarts.Draft && i.GetProperty("status").GetString() == "DRAFT");
        Assert.Contains(items, i => i.GetProperty("id").GetString() == DemoMarts.AdPerformance && i.GetProperty("status").GetString() == "PUBLISHED");
        Assert.All(items, i => Assert.False(i.TryGetProperty("schema", out _)));
        Assert.Equal(items.Count, list.GetProperty("total").GetInt32());
        Assert.Equal(JsonValueKind.Null, list.GetProperty("nextOffset").ValueKind);
        var page2 = await _client.GetJsonAsync("/api/data-marts?offset=3");
        Assert.Equal(items.Count - 3, page2.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Many_marts_page_with_next_offset()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 1 });
        var definition = new DataMartDefinition { Columns = [new DataMartColumn("x", "INTEGER")] };
        for (var i = 0; i < 1001; i++)
        {
            definition.Id = null;
            definition.Title = "m" + i.ToString(CultureInfo.InvariantCulture);
            emulator.CreateDataMart(definition);
        }

        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var first = await client.GetJsonAsync("/api/data-marts");
        Assert.Equal(1000, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1000, first.GetProperty("nextOffset").GetInt32());
        var second = await client.GetJsonAsync("/api/data-marts?offset=1000");
        Assert.Equal(first.GetProperty("total").GetInt32() - 1000, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextOffset").ValueKind);
    }

    [Fact]
    public async Task Run_is_recorded_with_http_data_details()
    {
        using var response = await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=date&column=cost&column=cost&limit=7"));
        var body = await response.Content.ReadAsByteArrayAsync();
        var runId = response.Headers.GetValues("x-owox-run-id").Single();
        var run = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{runId}");
        Assert.Equal(runId, run.GetProperty("id").GetString());
        Assert.Equal("SUCCESS", run.GetProperty("status").GetString());
        Assert.Equal("HTTP_DATA", run.GetProperty("type").GetString());
        var http = run.GetProperty("additionalParams").GetProperty("httpData");
        Assert.Equal("ndjson", http.GetProperty("format").GetString());
        Assert.Equal(["date", "cost"], http.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.Equal(7, http.GetProperty("rowCount").GetInt32());
        Assert.Equal(body.Length, http.GetProperty("bytesWritten").GetInt32());
        Assert.True(http.GetProperty("completed").GetBoolean());
        Assert.Equal(7, http.GetProperty("limit").GetInt32());
        var headers = http.GetProperty("dataDescription").GetProperty("dataHeaders").EnumerateArray().ToList();
        Assert.Equal(["date", "cost"], headers.Select(h => h.GetProperty("name").GetString()!).ToArray());
        Assert.Equal(["DATE", "NUMERIC"], headers.Select(h => h.GetProperty("type").GetString()!).ToArray());
        Assert.Equal("Cost", headers[1].GetProperty("title").GetString());

        var snapshot = fixture.Emulator.FindRun(runId)!;
        Assert.Equal(("SUCCESS", 7L, (long)body.Length, true, DemoMarts.AdPerformance), (snapshot.Status, snapshot.RowCount, snapshot.BytesWritten, snapshot.Completed, snapshot.DataMartId));
        Assert.Null(fixture.Emulator.FindRun("nope"));

        var runs = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs");
        Assert.Contains(runs.GetProperty("runs").EnumerateArray(), r => r.GetProperty("id").GetString() == runId);
        var missing = await _client.ErrorAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        Assert.Equal("Run not found", missing.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Aggregated_run_headers_use_labels_and_effective_types()
    {
        using var response = await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=country&column=clicks&aggregation=" + ApiClient.Encode("""[{"column":"clicks","function":"AVG"}]""")));
        await response.Content.ReadAsByteArrayAsync();
        var run = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{response.Headers.GetValues("x-owox-run-id").Single()}");
        var headers = run.GetProperty("additionalParams").GetProperty("httpData").GetProperty("dataDescription").GetProperty("dataHeaders").EnumerateArray()
            .Select(h => (h.GetProperty("name").GetString(), h.GetProperty("type").GetString())).ToList();
        Assert.Equal([("country", "STRING"), ("clicks | AVG", "FLOAT"), ("Row Count", "INTEGER")], headers);
    }

    [Fact]
    public async Task Client_disconnect_records_a_failed_run()
    {
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Stall, AfterRows = 2, Times = 1, DataMartId = DemoMarts.AdPerformance });
        string runId;
        using (var response = await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance), HttpCompletionOption.ResponseHeadersRead))
        {
            runId = response.Headers.GetValues("x-owox-run-id").Single();
            await using var stream = await response.Content.ReadAsStreamAsync();
            await stream.ReadExactlyAsync(new byte[16]);
        }

        JsonElement run = default;
        for (var i = 0; i < 250; i++)
        {
            run = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{runId}");
            if (run.GetProperty("status").GetString() != "RUNNING")
            {
                break;
            }

            await Task.Delay(20);
        }

        Assert.Equal("FAILED", run.GetProperty("status").GetString());
        Assert.Equal("Client disconnected before stream completion", run.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Reports_of_a_mart_are_listed()
    {
        var reports = await _client.GetJsonAsync($"/api/reports/data-mart/{DemoMarts.AdPerformance}");
        var ids = reports.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains(DemoMarts.ActiveCampaignsReport, ids);
        Assert.Contains(DemoMarts.CostByCountryReport, ids);
        var report = await _client.GetJsonAsync($"/api/reports/{DemoMarts.ActiveCampaignsReport}");
        Assert.Equal(DemoMarts.AdPerformance, report.GetProperty("dataMart").GetProperty("id").GetString());
        Assert.Equal(50, report.GetProperty("limitConfig").GetInt32());
    }

    [Fact]
    public async Task Public_endpoints_need_no_auth()
    {
        using var http = ApiClient.NewHttp();
        var origin = fixture.Emulator.BaseAddress;
        using var live = await http.GetAsync(new Uri(origin, "/health/live"));
        Assert.Equal("{}", await live.Content.ReadAsStringAsync());
        using var ready = await http.GetAsync(new Uri(origin, "/health/ready"));
        Assert.Equal("{\"reason\":\"ok\"}", await ready.Content.ReadAsStringAsync());
        using var flags = await http.GetAsync(new Uri(origin, "/api/flags"));
        Assert.Contains("PUBLIC_ORIGIN", await flags.Content.ReadAsStringAsync());
        using var openapi = await http.GetAsync(new Uri(origin, "/api/openapi.json"));
        var doc = JsonDocument.Parse(await openapi.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("OWOX Data Marts API", doc.GetProperty("info").GetProperty("title").GetString());
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/external/http-data/data-marts/{dataMartId}.ndjson", out _));
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/auth/api-keys/exchange", out _));
    }

    [Fact]
    public async Task Large_json_is_gzipped_only_for_clients_that_ask()
    {
        using var plain = await _client.GetAsync($"/api/data-marts/{DemoMarts.AdPerformance}");
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        var request = _client.Request($"/api/data-marts/{DemoMarts.AdPerformance}");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate");
        using var zipped = await _client.Http.SendAsync(request);
        Assert.Equal("gzip", zipped.Content.Headers.ContentEncoding.Single());
        await using var gzip = new System.IO.Compression.GZipStream(await zipped.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress);
        using var doc = await JsonDocument.ParseAsync(gzip);
        Assert.Equal(DemoMarts.AdPerformance, doc.RootElement.GetProperty("id").GetString());

        var stream = _client.Request(ApiClient.DataMartPath(DemoMarts.AdPerformance, "limit=20"));
        stream.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var ndjson = await _client.Http.SendAsync(stream);
        Assert.Empty(ndjson.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Head_on_a_stream_runs_it_but_sends_no_body()
    {
        var request = _client.Request(ApiClient.DataMartPath(DemoMarts.AdPerformance, "limit=3"));
        request.Method = HttpMethod.Head;
        using var response = await _client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var runId = response.Headers.GetValues("x-owox-run-id").Single();
        var run = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{runId}");
        Assert.Equal("SUCCESS", run.GetProperty("status").GetString());
    }
}
