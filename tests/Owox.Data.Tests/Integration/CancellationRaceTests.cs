using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Emulator;
using Xunit.Abstractions;

namespace Owox.Data.Tests.Integration;

/// <summary>A demo mart long enough that a stop lands mid-stream, on an emulator of its own (faults are per emulator).</summary>
public sealed class LongStreamFixture() : EmulatorFixture(Rows)
{
    public const int Rows = 100_000;
}

/// <summary>
/// Stops a stream at random moments from other threads — <c>Cancel()</c>, a cancelled token, <c>CommandTimeout</c>,
/// <c>Dispose</c> of reader or connection — in sync and async code, on the default handler and on a user-supplied one,
/// and checks that every row delivered before the stop is the generator's row, that the stop is reported for what it
/// is, that nothing is delivered after it, and that the next command on the same data source works. Disposing the
/// command is tried too: its reader lives on (as with SqlClient and Npgsql) and must still deliver every row. Seeded: a failure prints its seed. <c>OWOX_RACE_SECONDS</c> runs it longer (default 15 s);
/// <c>OWOX_RACE_SEED</c> replays one seed.
/// </summary>
public sealed class CancellationRaceTests(LongStreamFixture fixture, ITestOutputHelper output) : IClassFixture<LongStreamFixture>
{
    public enum StopKind
    {
        CommandCancel,
        TokenCancel,
        CancelBetweenReads,
        ReaderDispose,
        CommandDispose,
        ConnectionDispose,
        Timeout,
    }

    private static readonly StopKind[] FastStops =
        [StopKind.CommandCancel, StopKind.TokenCancel, StopKind.CancelBetweenReads, StopKind.ReaderDispose, StopKind.CommandDispose, StopKind.ConnectionDispose];

    [Fact]
    public async Task Every_delivered_row_is_the_servers_and_every_stop_is_reported_for_what_it_is()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("OWOX_RACE_SECONDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : 15;
        var replay = int.TryParse(Environment.GetEnvironmentVariable("OWOX_RACE_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : (int?)null;
        await using var plain = OwoxDataSource.Create(fixture.ApiKey);
        await using var custom = new OwoxDataSourceBuilder(fixture.ApiKey).UseHttpMessageHandler(new SocketsHttpHandler { AllowAutoRedirect = false }).Build();

        var watch = Stopwatch.StartNew();
        var tries = 0;
        var slowest = TimeSpan.Zero;
        var seed = replay ?? Environment.TickCount;
        do
        {
            var random = new Random(seed);
            var async = random.Next(2) == 0;
            var stop = FastStops[random.Next(FastStops.Length)];
            var trial = new Trial(
                async,
                Stop: stop == StopKind.TokenCancel && !async ? StopKind.CommandCancel : stop,
                AfterRows: random.Next(50, 25_001),
                DataSource: random.Next(2) == 0 ? plain : custom);
            var latency = await RunAsync(trial, seed);
            slowest = latency > slowest ? latency : slowest;
            tries++;
            seed++;
        }
        while (replay is null && watch.Elapsed < TimeSpan.FromSeconds(seconds));

        foreach (var async in new[] { false, true })
            await RunAsync(new Trial(async, StopKind.Timeout, AfterRows: 1_000 + tries, DataSource: plain), seed++);
        output.WriteLine($"{tries} random stops in {watch.Elapsed.TotalSeconds:F1} s; slowest stop {slowest.TotalMilliseconds:F0} ms");
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"the slowest stop took {slowest.TotalMilliseconds:F0} ms");
    }

    [Theory]
    [InlineData(false, StopKind.CommandCancel)]
    [InlineData(true, StopKind.CommandCancel)]
    [InlineData(false, StopKind.ReaderDispose)]
    [InlineData(true, StopKind.ConnectionDispose)]
    public async Task A_stalled_stream_stops_promptly(bool async, StopKind stop)
    {
        var stall = fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Stall, AfterRows = 10, DataMartId = DemoMarts.AdPerformance });
        try
        {
            await using var dataSource = OwoxDataSource.Create("Api Key=" + fixture.ApiKey + ";Command Timeout=0");
            var connection = await dataSource.OpenConnectionAsync();
            var command = new OwoxCommand(DemoMarts.AdPerformance, connection);
            var reader = async ? await command.ExecuteReaderAsync() : command.ExecuteReader();
            for (var i = 0; i < 10; i++)
                Assert.True(async ? await reader.ReadAsync() : reader.Read());
            var stopped = Stopwatch.StartNew();
            var stopper = Task.Run(async () =>
            {
                await Task.Delay(200);
                stopped.Restart();
                StopNow(stop, command, reader, connection, null);
            });
            var e = await Record.ExceptionAsync(async () => _ = async ? await reader.ReadAsync() : reader.Read());
            var latency = stopped.Elapsed;
            await stopper;
            Assert.True(e is OperationCanceledException or InvalidOperationException, $"{stop}: {e}");
            Assert.True(latency < TimeSpan.FromMilliseconds(1000), $"{stop} took {latency.TotalMilliseconds:F0} ms to surface");
            reader.Dispose();
            command.Dispose();
            connection.Dispose();
        }
        finally
        {
            fixture.Emulator.Faults.Remove(stall);
        }
    }

    /// <summary>
    /// The <c>CommandTimeout</c> of a <see cref="StopKind.Timeout"/> trial, in seconds. It also bounds the wait for the
    /// response headers, which can pass 1 s on a loaded 2-core machine (the whole suite at once).
    /// </summary>
    private const int TimeoutSeconds = 3;

    private sealed record Trial(bool Async, StopKind Stop, int AfterRows, OwoxDataSource DataSource);

    /// <summary>Runs one trial; returns how long the stop took to surface after it was made.</summary>
    private async Task<TimeSpan> RunAsync(Trial trial, int seed)
    {
        var label = $"seed {seed}: {(trial.Async ? "async" : "sync")} {trial.Stop} after {trial.AfterRows} rows";
        FaultRule? stall = null;
        if (trial.Stop == StopKind.Timeout)
            stall = fixture.Emulator.Faults.Add(new FaultRule { Kind = FaultKind.Stall, AfterRows = trial.AfterRows, DataMartId = DemoMarts.AdPerformance, Times = 1 });
        var connection = await trial.DataSource.OpenConnectionAsync();
        var command = new OwoxCommand(DemoMarts.AdPerformance, connection) { CommandTimeout = trial.Stop == StopKind.Timeout ? TimeoutSeconds : 30 };
        using var token = new CancellationTokenSource();
        var delivered = 0;
        var stopMade = new TaskCompletionSource<Stopwatch>(TaskCreationOptions.RunContinuationsAsynchronously);
        Exception? failure = null;
        OwoxDataReader? reader = null;
        try
        {
            reader = trial.Async ? await command.ExecuteReaderAsync() : command.ExecuteReader();
            var foreign = trial.Stop is StopKind.CancelBetweenReads or StopKind.Timeout ? null : Task.Run(() =>
            {
                var spin = new SpinWait();
                while (Volatile.Read(ref delivered) < trial.AfterRows)
                    spin.SpinOnce(sleep1Threshold: -1);
                var watch = Stopwatch.StartNew();
                StopNow(trial.Stop, command, reader, connection, token);
                stopMade.SetResult(watch);
            });
            var values = new object[reader.FieldCount];
            try
            {
                while (trial.Async ? await reader.ReadAsync(token.Token) : reader.Read())
                {
                    reader.GetValues(values);
                    var expected = AdPerformanceExpectations.Row(delivered);
                    for (var i = 0; i < values.Length; i++)
                    {
                        if (!Equals(expected[i], values[i]))
                            Assert.Fail($"{label}: row {delivered} column {i} is '{values[i]}', the server sent '{expected[i]}'");
                    }
                    Volatile.Write(ref delivered, delivered + 1);
                    if (trial.Stop == StopKind.CancelBetweenReads && delivered == trial.AfterRows)
                    {
                        stopMade.SetResult(Stopwatch.StartNew());
                        command.Cancel();
                    }
                }
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failure = e;
            }
            if (trial.Stop == StopKind.Timeout)
                stopMade.TrySetResult(Stopwatch.StartNew());
            var latency = stopMade.Task.IsCompleted ? (await stopMade.Task).Elapsed : TimeSpan.Zero;
            if (foreign is not null)
                await foreign;

            if (trial.Stop == StopKind.CommandDispose)
            {
                Assert.True(failure is null, $"{label}: disposing the command stopped its reader with {failure}");
                Assert.Equal(LongStreamFixture.Rows, delivered);
                Assert.False(reader.Read());
                await CheckNextCommandAsync(trial.DataSource, label);
                return TimeSpan.Zero;
            }
            Assert.True(delivered >= trial.AfterRows || failure is not null, $"{label}: ended after {delivered} rows without a stop");
            CheckStop(trial, failure, delivered, label);
            var after = Record.Exception(() => reader.Read());
            Assert.True(after is not null, $"{label}: Read() after the stop returned a row or the end instead of failing");
            Assert.True(after is OperationCanceledException or InvalidOperationException or OwoxException { Code: "TIMEOUT" }, $"{label}: Read() after the stop threw {after}");
            await CheckNextCommandAsync(trial.DataSource, label);
            return trial.Stop == StopKind.Timeout ? TimeSpan.Zero : latency;
        }
        finally
        {
            reader?.Dispose();
            command.Dispose();
            connection.Dispose();
            if (stall is not null)
                fixture.Emulator.Faults.Remove(stall);
        }
    }

    private static void StopNow(StopKind stop, OwoxCommand command, OwoxDataReader? reader, OwoxConnection connection, CancellationTokenSource? token)
    {
        switch (stop)
        {
            case StopKind.CommandCancel:
                command.Cancel();
                break;
            case StopKind.TokenCancel:
                token!.Cancel();
                break;
            case StopKind.ReaderDispose:
                reader?.Dispose();
                break;
            case StopKind.CommandDispose:
                command.Dispose();
                break;
            case StopKind.ConnectionDispose:
                connection.Dispose();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(stop), stop, null);
        }
    }

    private static void CheckStop(Trial trial, Exception? failure, int delivered, string label)
    {
        switch (trial.Stop)
        {
            case StopKind.CommandCancel or StopKind.CancelBetweenReads or StopKind.TokenCancel:
                Assert.True(failure is OperationCanceledException, $"{label}: stopped with {failure?.ToString() ?? "no exception"}");
                break;
            case StopKind.Timeout:
                var timeout = Assert.IsType<OwoxException>(failure);
                Assert.Equal("TIMEOUT", timeout.Code);
                Assert.Equal(trial.AfterRows, delivered);
                break;
            default:
                Assert.True(
                    failure is OperationCanceledException or InvalidOperationException and not ObjectDisposedException,
                    $"{label}: stopped with {failure?.ToString() ?? "no exception"}");
                break;
        }
    }

    private static async Task CheckNextCommandAsync(OwoxDataSource dataSource, string label)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        using var command = new OwoxCommand("SELECT * FROM \"" + DemoMarts.AdPerformance + "\" LIMIT 300", connection);
        using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        var rows = new List<int>();
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            var expected = AdPerformanceExpectations.Row(rows.Count);
            for (var i = 0; i < values.Length; i++)
                Assert.True(Equals(expected[i], values[i]), $"{label}: the next command's row {rows.Count} column {i} is '{values[i]}', expected '{expected[i]}'");
            rows.Add(rows.Count);
        }
        Assert.Equal(300, rows.Count);
    }
}
