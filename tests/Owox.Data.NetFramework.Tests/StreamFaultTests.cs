using System;
using System.Data.Common;
using System.Diagnostics;
using System.Threading;
using Xunit;

namespace Owox.Data.NetFramework.Tests;

/// <summary>Cancel from another thread, CommandTimeout, and a stream the server cut — with faults set over the emulator's control endpoints.</summary>
[Collection(SharedEmulator.Name)]
public sealed class StreamFaultTests(EmulatorProcess emulator) : IDisposable
{
    public void Dispose() => emulator.ClearFaults();

    private void Fault(string kind, int afterRows = 0, int delayMs = 0) =>
        emulator.AddFault($"{{\"kind\":\"{kind}\",\"target\":\"Stream\",\"dataMartId\":\"{Provider.AdPerformance}\",\"afterRows\":{afterRows},\"delayMs\":{delayMs},\"times\":1}}");

    [Fact]
    public void Cancel_from_another_thread_aborts_a_blocked_Read()
    {
        Fault("Stall", afterRows: 2);
        using var connection = Provider.Open(emulator, commandTimeout: 0);
        using var command = Provider.Command(connection, Provider.AdPerformance);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.Read());
        var canceller = new Thread(() =>
        {
            Thread.Sleep(300);
            command.Cancel();
        });
        var watch = Stopwatch.StartNew();
        canceller.Start();
        Assert.ThrowsAny<OperationCanceledException>(() => reader.Read());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        canceller.Join();
    }

    /// <summary>A known provider bug (the reader-integrity issue): a Cancel() that lands between two reads is lost.</summary>
    [Fact]
    public void Cancel_from_another_thread_between_reads_ends_the_stream()
    {
        using var connection = Provider.Open(emulator);
        using var command = Provider.Command(connection, Provider.AdPerformance);
        using var reader = command.ExecuteReader();
        for (var i = 0; i < 5; i++)
            Assert.True(reader.Read());
        var canceller = new Thread(command.Cancel);
        canceller.Start();
        canceller.Join();
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            while (reader.Read())
            {
            }
        });
    }

    [Fact]
    public void CommandTimeout_bounds_the_wait_for_the_response()
    {
        Fault("Delay", delayMs: 10_000);
        using var connection = Provider.Open(emulator, commandTimeout: 1);
        using var command = Provider.Command(connection, Provider.AdPerformance);
        var watch = Stopwatch.StartNew();
        var e = Assert.ThrowsAny<DbException>(() => command.ExecuteReader());
        Assert.Equal("TIMEOUT", Provider.Code(e));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
    }

    [Fact]
    public void CommandTimeout_bounds_each_wait_for_more_rows()
    {
        Fault("Stall", afterRows: 3);
        using var connection = Provider.Open(emulator);
        using var command = Provider.Command(connection, Provider.AdPerformance);
        // The timeout also bounds the wait for the response headers, which can pass 1 s on a loaded 2-core machine.
        command.CommandTimeout = 3;
        using var reader = command.ExecuteReader();
        for (var i = 0; i < 3; i++)
            Assert.True(reader.Read());
        var e = Assert.ThrowsAny<DbException>(() => reader.Read());
        Assert.Equal("TIMEOUT", Provider.Code(e));
    }

    [Theory]
    [InlineData("CutMidRow")]
    [InlineData("CutBetweenRows")]
    public void A_cut_stream_throws_after_the_rows_that_arrived(string kind)
    {
        Fault(kind, afterRows: 7);
        using var connection = Provider.Open(emulator);
        using var command = Provider.Command(connection, Provider.AdPerformance);
        using var reader = command.ExecuteReader();
        for (var i = 0; i < 7; i++)
            Assert.True(reader.Read());
        var e = Assert.ThrowsAny<DbException>(() => reader.Read());
        Assert.Equal("STREAM_TRUNCATED", Provider.Code(e));
        Assert.Contains("after 7 rows", e.Message, StringComparison.Ordinal);
    }
}
