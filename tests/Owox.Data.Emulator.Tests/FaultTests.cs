using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class FaultTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private readonly EmulatorFixture _fixture;
    private readonly ApiClient _client;

    public FaultTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _client = fixture.Client;
        fixture.Emulator.Faults.Clear();
    }

    private EmulatorFaults Faults => _fixture.Emulator.Faults;

    public void Dispose() => Faults.Clear();

    private static string Path(string query = "") => ApiClient.DataMartPath(DemoMarts.AdPerformance, query);

    [Theory]
    [InlineData(FaultKind.CutBetweenRows)]
    [InlineData(FaultKind.CutMidRow)]
    public async Task Cut_stream_throws_while_reading_the_body(FaultKind kind)
    {
        Faults.Add(new FaultRule { Kind = kind, AfterRows = 5, Times = 1, DataMartId = DemoMarts.AdPerformance });
        using var response = await _client.GetAsync(Path(), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var runId = response.Headers.GetValues("x-owox-run-id").Single();
        var (_, error) = await ApiClient.ReadUntilFailureAsync(response);
        Assert.NotNull(error);
        var ioError = error as HttpIOException ?? error.InnerException as HttpIOException;
        Assert.NotNull(ioError);
        Assert.Equal(HttpRequestError.ResponseEnded, ioError.HttpRequestError);

        var run = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{runId}");
        Assert.Equal("FAILED", run.GetProperty("status").GetString());
        Assert.False(run.GetProperty("additionalParams").GetProperty("httpData").GetProperty("completed").GetBoolean());
        Assert.Equal(5, run.GetProperty("additionalParams").GetProperty("httpData").GetProperty("rowCount").GetInt32());

        // Times = 1: the next request is healthy.
        Assert.Equal(EmulatorFixture.Rows, (await _client.RowsAsync(Path())).Count);
        Assert.Equal(0, Faults.Count);
    }

    [Fact]
    public async Task Cut_between_rows_delivers_exactly_the_complete_rows_first()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.CutBetweenRows, AfterRows = 3, Times = 1 });
        using var response = await _client.GetAsync(Path(), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var total = 0;
        Exception? error = null;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(total))) > 0)
            {
                total += read;
            }
        }
        catch (HttpIOException e)
        {
            error = e;
        }

        Assert.NotNull(error);
        Assert.Equal(DemoMarts.RenderAdPerformancePayload(3), buffer[..total]);
    }

    [Fact]
    public async Task Cut_mid_row_leaves_a_partial_last_line()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.CutMidRow, AfterRows = 2, Times = 1 });
        using var response = await _client.GetAsync(Path(), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        var total = 0;
        await Assert.ThrowsAsync<HttpIOException>(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(total))) > 0)
            {
                total += read;
            }
        });
        var complete = DemoMarts.RenderAdPerformancePayload(2);
        Assert.True(total > complete.Length, "half of the third row arrived");
        Assert.Equal(complete, buffer[..complete.Length]);
        Assert.NotEqual((byte)'\n', buffer[total - 1]);
    }

    [Fact]
    public async Task End_cleanly_short_ends_the_body_normally_while_the_run_counts_every_row()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.EndCleanlyShort, AfterRows = 7, Times = 1, DataMartId = DemoMarts.AdPerformance });
        Assert.Equal(3, (await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.Snowflake))).Count);
        using var response = await _client.GetAsync(Path(), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var runId = response.Headers.GetValues("x-owox-run-id").Single();
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(DemoMarts.RenderAdPerformancePayload(7), body);
        Assert.Equal(7, ApiClient.ParseLines(Encoding.UTF8.GetString(body)).Count);

        // Read straight after the end of the body: the SUCCESS run is already recorded.
        var run = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{runId}");
        Assert.Equal("SUCCESS", run.GetProperty("status").GetString());
        var httpData = run.GetProperty("additionalParams").GetProperty("httpData");
        Assert.True(httpData.GetProperty("completed").GetBoolean());
        Assert.Equal(EmulatorFixture.Rows, httpData.GetProperty("rowCount").GetInt32());
        Assert.Equal(DemoMarts.RenderAdPerformancePayload(EmulatorFixture.Rows).Length, httpData.GetProperty("bytesWritten").GetInt32());
        Assert.Empty(run.GetProperty("errors").EnumerateArray());

        // Times = 1: the next request is whole.
        Assert.Equal(EmulatorFixture.Rows, (await _client.RowsAsync(Path())).Count);
        Assert.Equal(0, Faults.Count);
    }

    [Fact]
    public async Task End_cleanly_short_applies_to_a_report_by_its_id()
    {
        var reportPath = $"/api/external/http-data/reports/{DemoMarts.ActiveCampaignsReport}.ndjson";
        var full = (await _client.RowsAsync(reportPath)).Count;
        Assert.True(full > 3, $"the report has {full} rows");
        Faults.Add(new FaultRule { Kind = FaultKind.EndCleanlyShort, AfterRows = 3, DataMartId = DemoMarts.ActiveCampaignsReport });

        // The report's own data mart is another id: its stream is whole.
        Assert.Equal(EmulatorFixture.Rows, (await _client.RowsAsync(Path())).Count);
        using var response = await _client.GetAsync(reportPath, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var runId = response.Headers.GetValues("x-owox-run-id").Single();
        var (lines, error) = await ApiClient.ReadUntilFailureAsync(response);
        Assert.Null(error);
        Assert.Equal(3, ApiClient.ParseLines(string.Join('\n', lines)).Count);

        var run = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{runId}");
        Assert.Equal("SUCCESS", run.GetProperty("status").GetString());
        Assert.Equal(DemoMarts.ActiveCampaignsReport, run.GetProperty("reportId").GetString());
        var httpData = run.GetProperty("additionalParams").GetProperty("httpData");
        Assert.True(httpData.GetProperty("completed").GetBoolean());
        Assert.Equal(full, httpData.GetProperty("rowCount").GetInt32());
        Assert.Equal(1, Faults.Count);
    }

    [Fact]
    public async Task End_cleanly_short_of_a_stream_no_longer_than_after_rows_is_complete()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.EndCleanlyShort, AfterRows = 10, Times = 1 });
        using var response = await _client.GetAsync(Path("limit=4"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(DemoMarts.RenderAdPerformancePayload(4), await response.Content.ReadAsByteArrayAsync());
        var run = _fixture.Emulator.FindRun(response.Headers.GetValues("x-owox-run-id").Single())!;
        Assert.Equal(("SUCCESS", 4L, true), (run.Status, run.RowCount, run.Completed));
    }

    [Fact]
    public async Task End_cleanly_short_can_be_added_over_http()
    {
        using var http = ApiClient.NewHttp();
        using (var add = await http.PostAsync(new Uri(_fixture.Emulator.BaseAddress, "/_emulator/faults"), new StringContent("""{"kind":"endCleanlyShort","afterRows":2,"times":1}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }

        using var response = await _client.GetAsync(Path(), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(DemoMarts.RenderAdPerformancePayload(2), await response.Content.ReadAsByteArrayAsync());
        var run = _fixture.Emulator.FindRun(response.Headers.GetValues("x-owox-run-id").Single())!;
        Assert.Equal(("SUCCESS", (long)EmulatorFixture.Rows, true), (run.Status, run.RowCount, run.Completed));
    }

    [Fact]
    public async Task Delay_holds_the_headers()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.Delay, Delay = TimeSpan.FromMilliseconds(400), Times = 1 });
        var watch = Stopwatch.StartNew();
        using var response = await _client.GetAsync(Path("limit=1"), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(watch.ElapsedMilliseconds >= 350, $"headers after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Service_unavailable_is_the_shutdown_503()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, Times = 1 });
        var body = await _client.ErrorAsync(Path(), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Server is shutting down", body.GetProperty("message").GetString());
        Assert.Equal("Service Unavailable", body.GetProperty("error").GetString());
        Assert.Equal(503, body.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Internal_error_is_500_without_message()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.InternalServerError, Times = 1 });
        var body = await _client.ErrorAsync(Path("column=date"), HttpStatusCode.InternalServerError);
        Assert.Equal(500, body.GetProperty("statusCode").GetInt32());
        Assert.False(body.TryGetProperty("message", out _));
        Assert.Equal(Path("column=date"), body.GetProperty("path").GetString());
    }

    [Fact]
    public async Task Storage_failure_is_the_424_body()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.StorageReadFailed, Times = 1 });
        var body = await _client.ErrorAsync(Path(), (HttpStatusCode)424);
        Assert.Equal("STORAGE_READ_FAILED", body.GetProperty("code").GetString());
        Assert.StartsWith("Storage dependency failed while reading this Data Mart data: Google BigQuery returned 403 Forbidden: ", body.GetProperty("message").GetString());
        var details = body.GetProperty("details");
        Assert.Equal("storage", details.GetProperty("dependency").GetString());
        Assert.Equal("Google BigQuery", details.GetProperty("providerName").GetString());
        Assert.Equal("GOOGLE_BIGQUERY", details.GetProperty("storageType").GetString());
        Assert.Equal(403, details.GetProperty("providerStatusCode").GetInt32());
    }

    [Fact]
    public async Task Html_200_is_served_with_text_html()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.HtmlOk, Times = 1 });
        using var response = await _client.GetAsync(Path());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Redirect_points_to_another_host()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.RedirectToOtherHost, Times = 1 });
        using var response = await _client.GetAsync(Path("limit=1"));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.NotEqual(_client.Origin.Host, response.Headers.Location!.Host);
    }

    [Fact]
    public async Task Faults_can_target_one_mart_only()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, DataMartId = DemoMarts.Empty });
        await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.Empty), HttpStatusCode.ServiceUnavailable);
        await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.Empty), HttpStatusCode.ServiceUnavailable);
        Assert.Single(await _client.RowsAsync(Path("limit=1")));
        Faults.Clear();
        Assert.Empty(await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.Empty)));
    }

    [Fact]
    public async Task Exchange_can_fail_once_with_503()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, Target = FaultTarget.Exchange, Times = 1 });
        var before = _fixture.Emulator.ExchangeCount;
        using (var failed = await _client.ExchangeAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        using (var ok = await _client.ExchangeAsync())
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        Assert.Equal(before + 1, _fixture.Emulator.ExchangeCount);
    }

    [Fact]
    public async Task Slow_drip_delays_every_row()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.SlowDrip, Delay = TimeSpan.FromMilliseconds(60), Times = 1 });
        var watch = Stopwatch.StartNew();
        var rows = await _client.RowsAsync(Path("limit=5"));
        Assert.Equal(5, rows.Count);
        Assert.True(watch.ElapsedMilliseconds >= 250, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Stall_stops_writing_until_the_client_gives_up()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.Stall, AfterRows = 3, Times = 1 });
        using var response = await _client.GetAsync(Path(), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var expected = DemoMarts.RenderAdPerformancePayload(3);
        var buffer = new byte[expected.Length];
        await stream.ReadExactlyAsync(buffer);
        Assert.Equal(expected, buffer);
        using var timeout = new System.Threading.CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await stream.ReadExactlyAsync(new byte[1], timeout.Token));
    }

    [Fact]
    public async Task Too_many_requests_carries_retry_after()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, RetryAfter = TimeSpan.FromSeconds(7), Times = 1 });
        using var response = await _client.GetAsync(Path());
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter!.Delta);
    }

    [Theory]
    [InlineData(FaultKind.BadGateway, 502)]
    [InlineData(FaultKind.GatewayTimeout, 504)]
    [InlineData(FaultKind.NonJsonError, 500)]
    public async Task Proxy_errors_have_non_json_bodies(FaultKind kind, int status)
    {
        Faults.Add(new FaultRule { Kind = kind, Times = 1 });
        using var response = await _client.GetAsync(Path());
        Assert.Equal(status, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonDocument.Parse(text));
    }

    [Fact]
    public async Task Metadata_and_any_targets()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.InternalServerError, Target = FaultTarget.Metadata, Times = 1 });
        await _client.ErrorAsync("/api/auth/context", HttpStatusCode.InternalServerError);
        await _client.GetJsonAsync("/api/auth/context");
        Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, Target = FaultTarget.Any, Times = 2 });
        await _client.ErrorAsync("/api/auth/context", HttpStatusCode.ServiceUnavailable);
        await _client.ErrorAsync(Path(), HttpStatusCode.ServiceUnavailable);
        Assert.Single(await _client.RowsAsync(Path("limit=1")));
    }

    [Fact]
    public async Task Control_endpoint_adds_and_clears_faults()
    {
        using var http = ApiClient.NewHttp();
        var origin = _fixture.Emulator.BaseAddress;
        using (var add = await http.PostAsync(new Uri(origin, "/_emulator/faults"), new StringContent("""{"kind":"cutMidRow","afterRows":1,"times":1}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }

        Assert.Equal(1, Faults.Count);
        using (var response = await _client.GetAsync(Path(), HttpCompletionOption.ResponseHeadersRead))
        {
            var (lines, error) = await ApiClient.ReadUntilFailureAsync(response);
            Assert.True(error is not null, $"status {(int)response.StatusCode}, {lines.Count} lines: " + string.Join("|", lines.Select(l => l.Length > 40 ? l[..40] : l)));
        }

        using (var add = await http.PostAsync(new Uri(origin, "/_emulator/faults"), new StringContent("""{"kind":"ServiceUnavailable","target":"exchange"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }

        using (var exchange = await _client.ExchangeAsync())
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, exchange.StatusCode);
        }

        using (var clear = await http.DeleteAsync(new Uri(origin, "/_emulator/faults")))
        {
            Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        }

        Assert.Equal(0, Faults.Count);
        using var bad = await http.PostAsync(new Uri(origin, "/_emulator/faults"), new StringContent("""{"kind":"nope"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Shutting_down_answers_503_and_not_ready()
    {
        _fixture.Emulator.SetShuttingDown(true);
        try
        {
            var body = await _client.ErrorAsync(Path(), HttpStatusCode.ServiceUnavailable);
            Assert.Equal("Server is shutting down", body.GetProperty("message").GetString());
            using var http = ApiClient.NewHttp();
            using var ready = await http.GetAsync(new Uri(_fixture.Emulator.BaseAddress, "/health/ready"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            _fixture.Emulator.SetShuttingDown(false);
        }
    }

    [Fact]
    public async Task Shutdown_cuts_streams_in_progress()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.SlowDrip, Delay = TimeSpan.FromMilliseconds(20), Times = 1 });
        using var response = await _client.GetAsync(Path(), HttpCompletionOption.ResponseHeadersRead);
        var runId = response.Headers.GetValues("x-owox-run-id").Single();
        _fixture.Emulator.SetShuttingDown(true);
        try
        {
            var (_, error) = await ApiClient.ReadUntilFailureAsync(response);
            Assert.NotNull(error);
        }
        finally
        {
            _fixture.Emulator.SetShuttingDown(false);
        }

        var run = await _client.GetJsonAsync($"/api/data-marts/{DemoMarts.AdPerformance}/runs/{runId}");
        Assert.Equal("FAILED", run.GetProperty("status").GetString());
        Assert.Equal("Server is shutting down", run.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Stall_with_an_idle_timeout_ends_in_a_truncation()
    {
        Faults.Add(new FaultRule { Kind = FaultKind.Stall, AfterRows = 2, Delay = TimeSpan.FromMilliseconds(200), Times = 1 });
        using var response = await _client.GetAsync(Path(), HttpCompletionOption.ResponseHeadersRead);
        var (_, error) = await ApiClient.ReadUntilFailureAsync(response);
        Assert.NotNull(error);
    }
}
