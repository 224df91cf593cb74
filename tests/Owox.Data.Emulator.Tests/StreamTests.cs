using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class StreamTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private readonly ApiClient _client = fixture.Client;

    [Fact]
    public async Task Success_headers_are_the_documented_ones()
    {
        using var response = await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "limit=2"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(Guid.TryParse(response.Headers.GetValues("x-owox-run-id").Single(), out _));
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("no", response.Headers.GetValues("X-Accel-Buffering").Single());
        Assert.Equal("no-cache", response.Headers.GetValues("Pragma").Single());
        await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Run_ids_are_fresh_per_request()
    {
        using var a = await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "limit=1"));
        using var b = await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "limit=1"));
        Assert.NotEqual(a.Headers.GetValues("x-owox-run-id").Single(), b.Headers.GetValues("x-owox-run-id").Single());
    }

    [Fact]
    public async Task All_rows_and_columns_by_default_in_schema_order()
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance));
        Assert.Equal(EmulatorFixture.Rows, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(DemoMarts.AdPerformanceColumns, ApiClient.Keys(rows[i]));
            var expected = Expected.Row(i);
            foreach (var column in DemoMarts.AdPerformanceColumns)
            {
                Expected.Value(expected, column, rows[i].GetProperty(column));
            }
        }
    }

    [Fact]
    public async Task Columns_star_is_all_columns()
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "columns=*&limit=1"));
        Assert.Equal(DemoMarts.AdPerformanceColumns, ApiClient.Keys(rows.Single()));
    }

    [Fact]
    public async Task Column_selection_keeps_the_requested_order_and_drops_duplicates()
    {
        var rows = await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=cost&column=date&column=campaign&column=cost&limit=5"));
        Assert.Equal(5, rows.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(["cost", "date", "campaign"], ApiClient.Keys(rows[i]));
            Expected.Value(Expected.Row(i), "cost", rows[i].GetProperty("cost"));
            Expected.Value(Expected.Row(i), "campaign", rows[i].GetProperty("campaign"));
        }
    }

    [Fact]
    public async Task Limit_caps_rows()
    {
        Assert.Single(await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "limit=1")));
        Assert.Equal(EmulatorFixture.Rows, (await _client.RowsAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "limit=100000"))).Count);
    }

    [Fact]
    public async Task Body_is_raw_utf8_with_json_escapes_only_where_needed()
    {
        using var response = await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=campaign"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("🚀", text);
        Assert.Contains("日本語", text);
        Assert.Contains("Brand \\\"Awareness\\\"", text);
        Assert.Contains("Tab\\tseparated", text);
        Assert.Contains("Line\\nbreak", text);
        Assert.Contains("Back\\\\slash", text);
        Assert.DoesNotContain("\\u", text);
        Assert.Equal(EmulatorFixture.Rows, text.Count(c => c == '\n'));
        Assert.DoesNotContain('\r', text);
    }

    [Fact]
    public async Task Stream_matches_the_prerendered_payload_helper()
    {
        using var response = await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "limit=50"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(DemoMarts.RenderAdPerformancePayload(50), bytes);
    }

    [Fact]
    public async Task Empty_mart_is_200_with_an_empty_body()
    {
        using var response = await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.Empty));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Draft_mart_is_404()
    {
        var body = await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.Draft), HttpStatusCode.NotFound);
        Assert.Equal($"Data Mart {DemoMarts.Draft} not found", body.GetProperty("message").GetString());
        Assert.Equal("Not Found", body.GetProperty("error").GetString());
        Assert.Equal(404, body.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Unknown_mart_is_404_with_project()
    {
        var body = await _client.ErrorAsync(ApiClient.DataMartPath("nope"), HttpStatusCode.NotFound);
        Assert.Equal("Data Mart with id nope and projectId emulator-project not found", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Unknown_column_is_a_business_400()
    {
        var body = await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=ghost&column=date&column=spook"), HttpStatusCode.BadRequest);
        Assert.Equal("Unknown columns: ghost, spook", body.GetProperty("message").GetString());
        Assert.Equal(["ghost", "spook"], body.GetProperty("errorDetails").GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.False(body.TryGetProperty("error", out _));
        var one = await _client.ErrorAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "column=ghost"), HttpStatusCode.BadRequest);
        Assert.Equal("Unknown column: ghost", one.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Data_request_count_counts_stream_requests()
    {
        var before = fixture.Emulator.DataRequestCount;
        using (await _client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance, "limit=1")))
        {
        }

        using (await _client.GetAsync("/api/auth/context"))
        {
        }

        Assert.True(fixture.Emulator.DataRequestCount >= before + 1);
    }

    [Fact]
    public async Task Parallel_streams_are_independent()
    {
        var expected = DemoMarts.RenderAdPerformancePayload(EmulatorFixture.Rows);
        var tasks = Enumerable.Range(0, 16).Select(async i =>
        {
            using var response = await _client.GetAsync(ApiClient.DataMartPath(i % 2 == 0 ? DemoMarts.AdPerformance : DemoMarts.Benchmark));
            return await response.Content.ReadAsByteArrayAsync();
        });
        foreach (var body in await Task.WhenAll(tasks))
        {
            Assert.Equal(expected, body);
        }
    }
}
