using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

/// <summary>
/// The per-response rate bounds. Only lower bounds on time are asserted: the machine is shared, so a stream may always be
/// slower than its bound, never faster.
/// </summary>
public sealed class StreamRateTests
{
    /// <summary>How much sooner than its bound a stream may end (the pacer's slack of a few milliseconds, and the clocks).</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(50);

    private const string ReportPath = $"/api/external/http-data/reports/{DemoMarts.ActiveCampaignsReport}.ndjson";

    private static async Task<(byte[] Body, TimeSpan Elapsed, string RunId)> TimeStreamAsync(ApiClient client, string path)
    {
        var watch = Stopwatch.StartNew();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        return (body, watch.Elapsed, response.Headers.GetValues("x-owox-run-id").Single());
    }

    private static void AssertAtLeast(TimeSpan bound, TimeSpan elapsed) =>
        Assert.True(elapsed >= bound - Tolerance, $"took {elapsed.TotalMilliseconds:F0} ms, bound {bound.TotalMilliseconds:F0} ms");

    [Fact]
    public async Task Rows_per_second_bounds_a_data_mart_stream()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 100, StreamRowsPerSecond = 100 });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var (body, elapsed, runId) = await TimeStreamAsync(client, ApiClient.DataMartPath(DemoMarts.AdPerformance));
        Assert.Equal(DemoMarts.RenderAdPerformancePayload(100), body);
        AssertAtLeast(TimeSpan.FromSeconds(1), elapsed);
        Assert.Equal(("SUCCESS", 100L), (emulator.FindRun(runId)!.Status, emulator.FindRun(runId)!.RowCount));
    }

    [Fact]
    public async Task Rows_per_second_bounds_a_report_stream()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 100, StreamRowsPerSecond = 40 });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var (body, elapsed, _) = await TimeStreamAsync(client, ReportPath);
        var rows = ApiClient.ParseLines(System.Text.Encoding.UTF8.GetString(body)).Count;
        Assert.True(rows >= 20, $"the report has {rows} rows");
        AssertAtLeast(TimeSpan.FromSeconds(rows / 40.0), elapsed);
    }

    [Fact]
    public async Task Bytes_per_second_bounds_a_data_mart_stream()
    {
        var expected = DemoMarts.RenderAdPerformancePayload(100);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 100, StreamBytesPerSecond = expected.Length });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var (body, elapsed, _) = await TimeStreamAsync(client, ApiClient.DataMartPath(DemoMarts.AdPerformance));
        Assert.Equal(expected, body);
        AssertAtLeast(TimeSpan.FromSeconds(1), elapsed);
    }

    [Fact]
    public async Task With_both_bounds_the_tighter_one_holds()
    {
        var expected = DemoMarts.RenderAdPerformancePayload(100);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 100,
            StreamRowsPerSecond = 1_000_000,
            StreamBytesPerSecond = expected.Length,
        });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var (_, elapsed, _) = await TimeStreamAsync(client, ApiClient.DataMartPath(DemoMarts.AdPerformance));
        AssertAtLeast(TimeSpan.FromSeconds(1), elapsed);
    }

    [Fact]
    public async Task Rows_per_second_bounds_benchmark_mode()
    {
        var block = DemoMarts.RenderAdPerformancePayload(500);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 10,
            PreRenderedPayload = block,
            PreRenderedPayloadRepeat = 2,
            StreamRowsPerSecond = 1000,
        });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var (body, elapsed, runId) = await TimeStreamAsync(client, ApiClient.DataMartPath(DemoMarts.Benchmark));
        Assert.Equal([.. block, .. block], body);
        AssertAtLeast(TimeSpan.FromSeconds(1), elapsed);
        Assert.Equal(("SUCCESS", 1000L), (emulator.FindRun(runId)!.Status, emulator.FindRun(runId)!.RowCount));
    }

    [Fact]
    public async Task Bytes_per_second_bounds_benchmark_mode()
    {
        var block = DemoMarts.RenderAdPerformancePayload(1000);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 10,
            PreRenderedPayload = block,
            StreamBytesPerSecond = block.Length,
        });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var (body, elapsed, _) = await TimeStreamAsync(client, ApiClient.DataMartPath(DemoMarts.Benchmark));
        Assert.Equal(block, body);
        AssertAtLeast(TimeSpan.FromSeconds(1), elapsed);
    }

    [Fact]
    public async Task A_short_clean_end_takes_the_time_of_the_whole_stream_in_benchmark_mode()
    {
        var block = DemoMarts.RenderAdPerformancePayload(1000);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, PreRenderedPayload = block, StreamRowsPerSecond = 1000 });
        emulator.Faults.Add(new FaultRule { Kind = FaultKind.EndCleanlyShort, AfterRows = 100, Times = 1 });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        var (body, elapsed, _) = await TimeStreamAsync(client, ApiClient.DataMartPath(DemoMarts.Benchmark));
        Assert.Equal(DemoMarts.RenderAdPerformancePayload(100), body);
        AssertAtLeast(TimeSpan.FromSeconds(1), elapsed);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_client_that_leaves_while_the_stream_is_held_back_ends_it(bool benchmark)
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 100,
            PreRenderedPayload = benchmark ? DemoMarts.RenderAdPerformancePayload(100) : null,
            StreamRowsPerSecond = 4,
        });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        string runId;
        using (var response = await client.GetAsync(ApiClient.DataMartPath(benchmark ? DemoMarts.Benchmark : DemoMarts.AdPerformance), HttpCompletionOption.ResponseHeadersRead))
        {
            runId = response.Headers.GetValues("x-owox-run-id").Single();
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var reader = new StreamReader(stream);
            Assert.NotNull(await reader.ReadLineAsync());
        }

        // At 4 rows/s the 100 rows would take 25 s: the run ends as soon as the server sees the client gone.
        var watch = Stopwatch.StartNew();
        while (emulator.FindRun(runId)!.Status == "RUNNING" && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
        }

        var run = emulator.FindRun(runId)!;
        Assert.Equal("FAILED", run.Status);
        Assert.Equal("Client disconnected before stream completion", Assert.Single(run.Errors));
    }

    [Theory]
    [InlineData(0d)]
    [InlineData(-1d)]
    [InlineData(double.NaN)]
    public async Task Rows_per_second_must_be_positive(double value)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, StreamRowsPerSecond = value }));
        Assert.Contains("StreamRowsPerSecond must be positive", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public async Task Bytes_per_second_must_be_positive(long value)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, StreamBytesPerSecond = value }));
        Assert.Contains("StreamBytesPerSecond must be positive", error.Message, StringComparison.Ordinal);
    }
}
