using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class BenchmarkModeTests
{
    [Fact]
    public async Task Pre_rendered_payload_is_served_verbatim_with_stream_headers()
    {
        var payload = DemoMarts.RenderAdPerformancePayload(5000);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = payload });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        using var response = await client.GetAsync(ApiClient.DataMartPath(DemoMarts.Benchmark), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.True(response.Headers.Contains("x-owox-run-id"));
        Assert.Equal(payload, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(5000, ApiClient.ParseLines(System.Text.Encoding.UTF8.GetString(payload)).Count);
    }

    [Fact]
    public async Task Without_payload_the_benchmark_mart_streams_the_ad_performance_rows()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 20 });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        using var response = await client.GetAsync(ApiClient.DataMartPath(DemoMarts.Benchmark));
        Assert.Equal(DemoMarts.RenderAdPerformancePayload(20), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Large_marts_seed_and_stream()
    {
        const int rows = 100_000;
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = rows });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        using var response = await client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[81920];
        long lines = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)10);
        }

        Assert.Equal(rows, lines);
    }
}
