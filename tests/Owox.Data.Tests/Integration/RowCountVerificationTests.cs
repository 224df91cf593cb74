using System;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Tests.Hostile;

namespace Owox.Data.Tests.Integration;

/// <summary>
/// <c>Verify Row Count=true</c>: a clean end of stream is confirmed against the run the server recorded
/// (wire-protocol §3.12), so rows lost without a truncation are an error, not a short result.
/// </summary>
public class RowCountVerificationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IDisposable
{
    public void Dispose()
    {
        fixture.Emulator.Faults.Clear();
        GC.SuppressFinalize(this);
    }

    private static async Task<long> DrainAsync(OwoxDataReader reader, bool async)
    {
        long rows = 0;
        while (async ? await reader.ReadAsync() : reader.Read())
            rows++;
        return rows;
    }

    [Theory]
    [InlineData(true, "Metadata")]
    [InlineData(false, "Metadata")]
    [InlineData(true, "Infer")]
    public async Task A_complete_stream_passes_the_check(bool async, string schemaSource)
    {
        await using var connection = await fixture.OpenAsync($"Verify Row Count=true;Schema Source={schemaSource}");
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection);
        using var reader = async ? await command.ExecuteReaderAsync() : command.ExecuteReader();
        Assert.Equal(EmulatorFixture.DemoRows, await DrainAsync(reader, async));
        Assert.False(async ? await reader.ReadAsync() : reader.Read());
    }

    [Fact]
    public async Task Rows_read_past_for_an_offset_count_as_received()
    {
        await using var connection = await fixture.OpenAsync("Verify Row Count=true");
        using var command = new OwoxCommand($"SELECT campaign FROM \"{DemoMarts.AdPerformance}\" LIMIT 5 OFFSET 10", connection);
        using var reader = await command.ExecuteReaderAsync();
        Assert.Equal(5, await DrainAsync(reader, async: true));
    }

    [Theory]
    [InlineData("Metadata")]
    [InlineData("Infer")]
    public async Task A_report_is_checked_against_its_data_marts_run(string schemaSource)
    {
        await using var connection = await fixture.OpenAsync($"Verify Row Count=true;Schema Source={schemaSource}");
        using var command = new OwoxCommand("report:" + DemoMarts.ActiveCampaignsReport, connection);
        using var reader = await command.ExecuteReaderAsync();
        Assert.Equal(50, await DrainAsync(reader, async: true));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_stream_that_ends_cleanly_but_short_fails_with_both_counts(bool async)
    {
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.EndCleanlyShort, DataMartId = DemoMarts.AdPerformance, AfterRows = 7, Times = 1 });
        await using var connection = await fixture.OpenAsync("Verify Row Count=true");
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
        Assert.Equal(OwoxErrorCodes.RowCountMismatch, e.Code);
        Assert.Equal(7, e.RowsRead);
        Assert.Equal(reader.RunId, e.RunId);
        Assert.Contains("after 7 rows", e.Message, StringComparison.Ordinal);
        Assert.Contains("1,000 rows", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.RunId!, e.Message, StringComparison.Ordinal);
        var again = Assert.Throws<OwoxException>(() => reader.Read());
        Assert.Same(e, again);
    }

    [Fact]
    public async Task Without_the_keyword_a_short_clean_stream_is_taken_as_the_whole_result()
    {
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.EndCleanlyShort, DataMartId = DemoMarts.AdPerformance, AfterRows = 7, Times = 1 });
        await using var connection = await fixture.OpenAsync();
        using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();
        Assert.Equal(7, await DrainAsync(reader, async: true));
    }

    [Fact]
    public async Task Cancel_while_the_run_record_is_awaited_stops_the_read()
    {
        await using var connection = await fixture.OpenAsync("Verify Row Count=true;Schema Source=Infer");
        using var command = new OwoxCommand(DemoMarts.Empty, connection);
        using var reader = await command.ExecuteReaderAsync();
        fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Delay, Target = FaultTarget.Metadata, DataMartId = DemoMarts.Empty, Delay = TimeSpan.FromSeconds(20), Times = 1 });
        var watch = Stopwatch.StartNew();
        var read = Task.Run(() => reader.Read());
        await Task.Delay(300);
        command.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"the read took {watch.Elapsed} after Cancel");
    }

    [Fact]
    public async Task A_stream_without_a_run_id_cannot_pass_the_check()
    {
        await using var dataSource = StubOwoxServer.DataSource(
            () =>
            {
                var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"a\":1}\n{\"a\":2}\n"));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                return content;
            },
            "{}", "Infer", "Verify Row Count=true");
        await using var connection = await dataSource.OpenConnectionAsync();
        using var reader = await new OwoxCommand("mart", connection).ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.True(await reader.ReadAsync());
        var e = await Assert.ThrowsAsync<OwoxException>(() => reader.ReadAsync());
        Assert.Equal(OwoxErrorCodes.RowCountUnverified, e.Code);
        Assert.Contains("x-owox-run-id", e.Message, StringComparison.Ordinal);
        Assert.Contains("Verify Row Count", e.Message, StringComparison.Ordinal);
    }
}
