using System;
using System.Collections.Generic;
using System.Data;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Tests.Integration;

namespace Owox.Data.Tests.Conformance;

public abstract class ConnectionConformanceTests(EmulatorFixture fixture, bool isAsync) : SyncOrAsyncTest(fixture, isAsync)
{
    [Fact]
    public async Task StateChange_is_raised_on_Open_and_on_Close_of_an_open_connection_only()
    {
        var changes = new List<(ConnectionState From, ConnectionState To)>();
        using var connection = new OwoxConnection(Fixture.ApiKey);
        connection.StateChange += (_, e) => changes.Add((e.OriginalState, e.CurrentState));
        await OpenAsync(connection);
        connection.Close();
        connection.Close();
        Assert.Equal([(ConnectionState.Closed, ConnectionState.Open), (ConnectionState.Open, ConnectionState.Closed)], changes);
    }

    [Fact]
    public async Task Dispose_of_an_open_connection_raises_StateChange()
    {
        var changes = 0;
        var connection = new OwoxConnection(Fixture.ApiKey);
        await OpenAsync(connection);
        connection.StateChange += (_, e) => changes += e.CurrentState == ConnectionState.Closed ? 1 : 0;
        connection.Dispose();
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task OpenAsync_with_a_cancelled_token_returns_a_cancelled_task_even_with_a_cached_token()
    {
        using (var warm = new OwoxConnection(Fixture.ApiKey))
            await OpenAsync(warm);
        using var connection = new OwoxConnection(Fixture.ApiKey);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var open = connection.OpenAsync(cancelled.Token);
        Assert.True(open.IsCanceled);
        Assert.Equal(ConnectionState.Closed, connection.State);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => open);
    }

    [Fact]
    public async Task Closing_the_connection_closes_its_open_reader()
    {
        using var connection = await OpenNewAsync();
        using var command = new OwoxCommand(Emulator.DemoMarts.AdPerformance, connection);
        using var reader = await ExecuteReaderAsync(command);
        Assert.True(await ReadAsync(reader));
        connection.Close();
        Assert.True(reader.IsClosed);
        Assert.Throws<InvalidOperationException>(() => reader.Read());
    }

    [Fact]
    public async Task Opening_twice_is_an_InvalidOperationException()
    {
        using var connection = await OpenNewAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => OpenAsync(connection));
    }

    public sealed class Sync(EmulatorFixture fixture) : ConnectionConformanceTests(fixture, isAsync: false), IClassFixture<EmulatorFixture>;

    public sealed class Async(EmulatorFixture fixture) : ConnectionConformanceTests(fixture, isAsync: true), IClassFixture<EmulatorFixture>;
}
