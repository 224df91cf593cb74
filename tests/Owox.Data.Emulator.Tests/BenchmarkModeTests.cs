using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
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
    public async Task Each_pre_rendered_row_is_its_own_http_chunk_as_the_real_server_writes_it()
    {
        var block = DemoMarts.RenderAdPerformancePayload(300);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = block, PreRenderedPayloadRepeat = 2 });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var wire = await RawGetAsync(client, "HTTP/1.1");
        var at = wire.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        Assert.Contains("Transfer-Encoding: chunked", Encoding.ASCII.GetString(wire, 0, at), StringComparison.OrdinalIgnoreCase);
        var chunks = new List<byte[]>();
        while (true)
        {
            var lineEnd = wire.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(wire, at, lineEnd), 16);
            at += lineEnd + 2;
            if (size == 0)
                break;
            chunks.Add(wire.AsSpan(at, size).ToArray());
            at += size + 2;
        }
        Assert.Equal(600, chunks.Count);
        Assert.All(chunks, chunk => Assert.Equal(1, chunk.AsSpan().Count((byte)'\n')));
        Assert.Equal([.. block, .. block], chunks.SelectMany(chunk => chunk).ToArray());
    }

    [Fact]
    public async Task An_http_1_0_request_gets_the_rows_unchunked_up_to_the_connection_close()
    {
        var block = DemoMarts.RenderAdPerformancePayload(300);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = block, PreRenderedPayloadRepeat = 2 });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var wire = await RawGetAsync(client, "HTTP/1.0");
        var at = wire.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        var head = Encoding.ASCII.GetString(wire, 0, at);
        Assert.StartsWith("HTTP/1.1 200", head, StringComparison.Ordinal);
        Assert.DoesNotContain("Transfer-Encoding", head, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([.. block, .. block], wire[at..]);
    }

    /// <summary>The raw bytes of a GET of the benchmark mart in <paramref name="version"/>, read until the server closes.</summary>
    private static async Task<byte[]> RawGetAsync(ApiClient client, string version)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(client.Origin.Host, client.Origin.Port);
        var stream = tcp.GetStream();
        var request = $"GET {ApiClient.DataMartPath(DemoMarts.Benchmark)} {version}\r\nHost: {client.Origin.Authority}\r\n"
            + $"x-owox-authorization: Bearer {client.Token}\r\nx-owox-api-key-id: {client.KeyId}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var raw = new MemoryStream();
        await stream.CopyToAsync(raw);
        return raw.ToArray();
    }

    [Fact]
    public async Task Repeated_payload_is_served_block_after_block_and_the_run_counts_every_row()
    {
        var block = DemoMarts.RenderAdPerformancePayload(1000);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = block, PreRenderedPayloadRepeat = 3 });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        using var response = await client.GetAsync(ApiClient.DataMartPath(DemoMarts.Benchmark), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([.. block, .. block, .. block], body);
        var run = emulator.FindRun(response.Headers.GetValues("x-owox-run-id").Single())!;
        Assert.Equal(("SUCCESS", 3000L, 3L * block.Length, true), (run.Status, run.RowCount, run.BytesWritten, run.Completed));
    }

    [Fact]
    public async Task End_cleanly_short_sends_the_first_lines_while_the_run_counts_the_whole_payload()
    {
        var block = DemoMarts.RenderAdPerformancePayload(1000);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = block, PreRenderedPayloadRepeat = 3 });
        emulator.Faults.Add(new FaultRule { Kind = FaultKind.EndCleanlyShort, AfterRows = 1500, Times = 1, DataMartId = DemoMarts.Benchmark });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        using var response = await client.GetAsync(ApiClient.DataMartPath(DemoMarts.Benchmark), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([.. block, .. DemoMarts.RenderAdPerformancePayload(500)], body);
        var runId = response.Headers.GetValues("x-owox-run-id").Single();
        var run = await client.GetJsonAsync($"/api/data-marts/{DemoMarts.Benchmark}/runs/{runId}");
        Assert.Equal("SUCCESS", run.GetProperty("status").GetString());
        var httpData = run.GetProperty("additionalParams").GetProperty("httpData");
        Assert.True(httpData.GetProperty("completed").GetBoolean());
        Assert.Equal(3000, httpData.GetProperty("rowCount").GetInt32());
        Assert.Equal(3L * block.Length, httpData.GetProperty("bytesWritten").GetInt64());

        using var whole = await client.GetAsync(ApiClient.DataMartPath(DemoMarts.Benchmark));
        Assert.Equal(3L * block.Length, (await whole.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task A_repeated_stream_larger_than_one_array_counts_rows_exactly()
    {
        const int blockRows = 10_000;
        var block = DemoMarts.RenderAdPerformancePayload(blockRows);
        var repeat = (Array.MaxLength / block.Length) + 1;
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = block, PreRenderedPayloadRepeat = repeat });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        using var response = await client.GetAsync(ApiClient.DataMartPath(DemoMarts.Benchmark), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1024 * 1024];
        long lines = 0, bytes = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)10);
            bytes += read;
        }

        Assert.Equal((long)block.Length * repeat, bytes);
        Assert.True(bytes > Array.MaxLength);
        Assert.Equal((long)blockRows * repeat, lines);
        Assert.Equal((long)blockRows * repeat, emulator.FindRun(response.Headers.GetValues("x-owox-run-id").Single())!.RowCount);
    }

    [Fact]
    public async Task Repeat_must_be_positive_and_a_repeated_payload_must_end_with_a_newline()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayloadRepeat = 0 }));
        var unterminated = "{\"a\":1}\n{\"a\":2}"u8.ToArray();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = unterminated, PreRenderedPayloadRepeat = 2 }));
        Assert.Contains("must end with a newline", error.Message, StringComparison.Ordinal);
        await using var once = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = unterminated });
        using var client = await ApiClient.ConnectAsync(once.ApiKey);
        using var response = await client.GetAsync(ApiClient.DataMartPath(DemoMarts.Benchmark));
        Assert.Equal(unterminated, await response.Content.ReadAsByteArrayAsync());
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
