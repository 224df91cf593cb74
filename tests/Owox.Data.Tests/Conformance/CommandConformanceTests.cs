using System;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Tests.Conformance;

public abstract class CommandConformanceTests(EmulatorFixture fixture, bool isAsync) : SyncOrAsyncTest(fixture, isAsync)
{
    [Fact]
    public async Task Prepare_requires_an_open_connection_and_a_command_text()
    {
        Assert.Throws<InvalidOperationException>(() => new OwoxCommand(DemoMarts.AdPerformance).Prepare());
        using var closed = new OwoxConnection(Fixture.ApiKey);
        Assert.Throws<InvalidOperationException>(() => new OwoxCommand(DemoMarts.AdPerformance, closed).Prepare());
        using var connection = await OpenNewAsync();
        Assert.Throws<InvalidOperationException>(() => new OwoxCommand(" ", connection).Prepare());
        new OwoxCommand(DemoMarts.AdPerformance, connection).Prepare();
    }

    [Fact]
    public async Task Cancel_when_idle_or_after_the_end_does_nothing()
    {
        using var connection = await OpenNewAsync();
        using var command = new OwoxCommand($"SELECT campaign FROM \"{DemoMarts.AdPerformance}\" LIMIT 2", connection);
        command.Cancel();
        using var reader = await ExecuteReaderAsync(command);
        Assert.True(await ReadAsync(reader));
        Assert.True(await ReadAsync(reader));
        Assert.False(await ReadAsync(reader));
        command.Cancel();
        Assert.False(await ReadAsync(reader));
    }

    [Fact]
    public async Task Cancel_between_reads_stops_the_next_read_even_with_rows_buffered()
    {
        using var connection = await OpenNewAsync();
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection);
        using var reader = await ExecuteReaderAsync(command);
        Assert.True(await ReadAsync(reader));
        command.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAsync(reader));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAsync(reader));
        Assert.Equal(1, ((OwoxDataReader)reader).RowsRead);
    }

    [Fact]
    public async Task A_command_runs_again_after_its_reader_is_closed_but_not_while_it_is_open()
    {
        using var connection = await OpenNewAsync();
        using var command = new OwoxCommand($"SELECT campaign FROM \"{DemoMarts.AdPerformance}\" LIMIT 1", connection);
        var first = await ExecuteReaderAsync(command);
        await Assert.ThrowsAsync<InvalidOperationException>(() => ExecuteReaderAsync(command));
        first.Dispose();
        Assert.Equal(DemoMarts.AdPerformanceRow(0).Campaign, await ExecuteScalarAsync(command));
    }

    [Fact]
    public async Task Disposing_the_command_leaves_its_reader_reading()
    {
        using var connection = await OpenNewAsync();
        var command = new OwoxCommand($"SELECT campaign FROM \"{DemoMarts.AdPerformance}\" LIMIT 3", connection);
        using var reader = await ExecuteReaderAsync(command);
        command.Dispose();
        var rows = 0;
        while (await ReadAsync(reader))
            rows++;
        Assert.Equal(3, rows);
    }

    [Fact]
    public async Task ExecuteNonQuery_is_refused_because_the_API_is_read_only()
    {
        using var connection = await OpenNewAsync();
        using var command = new OwoxCommand(DemoMarts.AdPerformance, connection);
        if (IsAsync)
            await Assert.ThrowsAsync<NotSupportedException>(() => command.ExecuteNonQueryAsync());
        else
            Assert.Throws<NotSupportedException>(() => command.ExecuteNonQuery());
    }

    public sealed class Sync(EmulatorFixture fixture) : CommandConformanceTests(fixture, isAsync: false), IClassFixture<EmulatorFixture>;

    public sealed class Async(EmulatorFixture fixture) : CommandConformanceTests(fixture, isAsync: true), IClassFixture<EmulatorFixture>;
}
