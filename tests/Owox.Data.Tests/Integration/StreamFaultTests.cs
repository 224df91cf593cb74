using System;
using System.Diagnostics;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

public class StreamFaultTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    public void Dispose()
    {
        fixture.Emulator.Faults.Clear();
        GC.SuppressFinalize(this);
    }

    private FaultRule Fault(FaultKind kind, int afterRows = 0, TimeSpan delay = default, int? times = 1) =>
        fixture.Emulator.Faults.Add(new FaultRule { Kind = kind, DataMartId = DemoMarts.AdPerformance, AfterRows = afterRows, Delay = delay, Times = times });

    [Theory]
    [InlineData(FaultKind.CutBetweenRows, true, "Metadata")]
    [InlineData(FaultKind.CutMidRow, true, "Metadata")]
    [InlineData(FaultKind.CutBetweenRows, false, "Metadata")]
    [InlineData(FaultKind.CutMidRow, false, "Metadata")]
    [InlineData(FaultKind.CutMidRow, true, "Infer")]
    [InlineData(FaultKind.CutBetweenRows, false, "Infer")]
    public async Task A_cut_stream_throws_after_the_rows_that_arrived(FaultKind kind, bool async, string schemaSource)
    {
        Fault(kind, afterRows: 7);
        await using var connection = await fixture.OpenAsync("Schema Source=" + schemaSource);
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection);
        using var reader = async ? await command.ExecuteReaderAsync() : command.ExecuteReader();
        for (var i = 0; i < 7; i++)
        {
            Assert.True(async ? await reader.ReadAsync() : reader.Read());
            Assert.Equal(DemoMarts.AdPerformanceRow(i).Campaign, reader.GetString(1));
        }
        var e = async
            ? await Assert.ThrowsAsync<OwoxException>(() => reader.ReadAsync())
            : Assert.Throws<OwoxException>(() => reader.Read());
        Assert.Equal("STREAM_TRUNCATED", e.Code);
        Assert.Equal(7, e.RowsRead);
        Assert.Equal(reader.RunId, e.RunId);
        Assert.NotNull(e.RunId);
        Assert.Contains("after 7 rows", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.RunId!, e.Message, StringComparison.Ordinal);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task Disposing_mid_stream_releases_the_response_and_the_server_sees_the_disconnect()
    {
        Fault(FaultKind.SlowDrip, delay: TimeSpan.FromMilliseconds(20));
        await using var connection = await fixture.OpenAsync();
        string runId;
        using (var command = new OwoxCommand(DemoMarts.AdPerformance, connection))
        using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            runId = reader.RunId!;
        }

        Assert.Equal("FAILED", await RunStatusAsync(runId));
        using var again = new OwoxCommand(DemoMarts.Empty, connection);
        using var next = await again.ExecuteReaderAsync();
        Assert.False(await next.ReadAsync());
    }

    [Fact]
    public async Task Server_errors_become_OwoxExceptions_with_status_code_and_details()
    {
        await using var connection = await fixture.OpenAsync("Max Retries=0");
        Fault(FaultKind.StorageReadFailed);
        var storage = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync());
        Assert.Equal(424, storage.StatusCode);
        Assert.Equal("STORAGE_READ_FAILED", storage.Code);
        Assert.Contains("providerName", storage.Details, StringComparison.Ordinal);
        Assert.NotNull(storage.RequestId);

        Fault(FaultKind.InternalServerError);
        var internalError = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync());
        Assert.Equal(500, internalError.StatusCode);
        Assert.Contains("500", internalError.Message, StringComparison.Ordinal);

        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.NonJsonError, DataMartId = DemoMarts.AdPerformance, StatusCode = 502, Times = 1 });
        var gateway = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync());
        Assert.Equal(502, gateway.StatusCode);
        Assert.True(gateway.IsTransient);
    }

    [Fact]
    public async Task A_html_page_is_refused_by_content_type()
    {
        Fault(FaultKind.HtmlOk);
        await using var connection = await fixture.OpenAsync();
        var e = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync());
        Assert.Contains("text/html", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_not_followed()
    {
        Fault(FaultKind.RedirectToOtherHost);
        await using var connection = await fixture.OpenAsync();
        var e = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync());
        Assert.Equal(302, e.StatusCode);
        Assert.Contains("not followed", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.GatewayTimeout)]
    [InlineData(FaultKind.TooManyRequests)]
    public async Task Transient_failures_before_the_first_row_are_retried(FaultKind kind)
    {
        fixture.Emulator.Faults.Add(new FaultRule { Kind = kind, DataMartId = DemoMarts.AdPerformance, Times = 2, RetryAfter = TimeSpan.FromSeconds(1) });
        await using var connection = await fixture.OpenAsync();
        var before = fixture.Emulator.DataRequestCount;
        using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(before + 3, fixture.Emulator.DataRequestCount);
    }

    [Fact]
    public async Task Retries_stop_at_the_configured_count()
    {
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, DataMartId = DemoMarts.AdPerformance, Times = 5 });
        await using var connection = await fixture.OpenAsync("Max Retries=1");
        var e = await Assert.ThrowsAsync<OwoxException>(() => new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync());
        Assert.Equal(503, e.StatusCode);
        Assert.True(e.IsTransient);
        Assert.Contains("shutting down", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandTimeout_bounds_the_wait_for_headers()
    {
        Fault(FaultKind.Delay, delay: TimeSpan.FromSeconds(10));
        await using var connection = await fixture.OpenAsync();
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection) { CommandTimeout = 1 };
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<OwoxException>(() => command.ExecuteReaderAsync());
        Assert.Equal("TIMEOUT", e.Code);
        Assert.Contains("CommandTimeout", e.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CommandTimeout_bounds_each_wait_for_more_rows(bool async)
    {
        Fault(FaultKind.Stall, afterRows: 3);
        await using var connection = await fixture.OpenAsync();
        // The timeout also bounds the wait for the response headers, which can pass 1 s on a loaded 2-core machine.
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection) { CommandTimeout = 3 };
        using var reader = async ? await command.ExecuteReaderAsync() : command.ExecuteReader();
        for (var i = 0; i < 3; i++)
            Assert.True(async ? await reader.ReadAsync() : reader.Read());
        var e = async
            ? await Assert.ThrowsAsync<OwoxException>(() => reader.ReadAsync())
            : Assert.Throws<OwoxException>(() => reader.Read());
        Assert.Equal("TIMEOUT", e.Code);
        Assert.Equal(3, e.RowsRead);
    }

    [Fact]
    public async Task A_cancelled_token_stops_a_stalled_read_promptly()
    {
        Fault(FaultKind.Stall, afterRows: 2);
        await using var connection = await fixture.OpenAsync("Command Timeout=0");
        using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(await reader.ReadAsync());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.ReadAsync(cancel.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Command_Cancel_aborts_a_stalled_sync_read()
    {
        Fault(FaultKind.Stall, afterRows: 1);
        await using var connection = await fixture.OpenAsync("Command Timeout=0");
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var canceller = Task.Delay(300).ContinueWith(_ => command.Cancel(), TaskScheduler.Default);
        Assert.ThrowsAny<OperationCanceledException>(() => reader.Read());
        await canceller;
        command.Cancel();
    }

    private async Task<string> RunStatusAsync(string runId)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var status = (await fixture.RunAsync(DemoMarts.AdPerformance, runId))?["status"]?.GetValue<string>();
            if (status is not (null or "RUNNING" or "PENDING"))
                return status;
            await Task.Delay(100);
        }
        return "RUNNING";
    }
}
