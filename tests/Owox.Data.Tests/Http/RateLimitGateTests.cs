using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using Owox.Data.Diagnostics;
using Owox.Data.Http;

namespace Owox.Data.Tests.Http;

/// <summary>The rate-limit gate as pure logic: requests taken from the known budget, answers in any order, the reset.</summary>
public class RateLimitGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly RequestContext Context = new("Streaming data mart 'm'", OwoxTelemetry.StreamDataMart, "m");

    private static OwoxRateLimitStatus Status(long remaining, DateTimeOffset at, int resetSeconds = 600) =>
        new(1000, 15000, 1000, remaining, TimeSpan.FromSeconds(resetSeconds), at);

    private static ValueTask Acquire(RateLimitGate gate, DateTimeOffset now, int budgetSeconds = 5) =>
        gate.AcquireAsync(() => now, TimeSpan.FromSeconds(budgetSeconds), Context, NullLogger.Instance, async: true, CancellationToken.None);

    [Fact]
    public async Task Without_headers_every_request_goes_out()
    {
        var gate = new RateLimitGate();
        for (var i = 0; i < 100; i++)
            await Acquire(gate, Start);
    }

    [Fact]
    public async Task Requests_in_flight_are_counted_against_what_remains_and_an_older_answer_does_not_undo_a_newer_one()
    {
        var gate = new RateLimitGate();
        await Acquire(gate, Start);
        gate.Complete(Status(3, Start));
        await Acquire(gate, Start);
        await Acquire(gate, Start);
        await Acquire(gate, Start);
        var refused = await Assert.ThrowsAsync<OwoxException>(() => Acquire(gate, Start).AsTask());
        Assert.Equal(OwoxErrorCodes.RateLimitExhausted, refused.Code);

        gate.Complete(Status(0, Start));
        gate.Complete(Status(2, Start));
        gate.Complete(Status(1, Start));
        await Assert.ThrowsAsync<OwoxException>(() => Acquire(gate, Start).AsTask());
    }

    [Fact]
    public async Task A_reset_within_the_budget_is_waited_for_and_then_the_figure_is_unknown_until_the_next_answer()
    {
        var gate = new RateLimitGate();
        var now = Start;
        await Acquire(gate, now);
        gate.Complete(Status(0, now, resetSeconds: 1));
        var clock = new[] { now };
        var acquired = gate.AcquireAsync(() => clock[0], TimeSpan.FromSeconds(5), Context, NullLogger.Instance, async: true, CancellationToken.None).AsTask();
        await Task.Delay(100);
        Assert.False(acquired.IsCompleted);
        clock[0] = now.AddSeconds(1);
        await acquired.WaitAsync(TimeSpan.FromSeconds(10));
        await Acquire(gate, clock[0]);
    }

    [Fact]
    public async Task A_reset_beyond_the_budget_is_refused_at_once_saying_when()
    {
        var gate = new RateLimitGate();
        await Acquire(gate, Start);
        gate.Complete(Status(0, Start, resetSeconds: 3600));
        var e = await Assert.ThrowsAsync<OwoxException>(() => Acquire(gate, Start, budgetSeconds: 60).AsTask());
        Assert.Null(e.StatusCode);
        Assert.True(e.IsTransient);
        Assert.Contains("resets in 01:00:00", e.Message, StringComparison.Ordinal);
        Assert.Contains("was not sent", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_window_replaces_the_old_figure()
    {
        var gate = new RateLimitGate();
        await Acquire(gate, Start);
        gate.Complete(Status(0, Start, resetSeconds: 10));
        var later = Start.AddSeconds(11);
        await Acquire(gate, later);
        gate.Complete(Status(999, later, resetSeconds: 3600));
        for (var i = 0; i < 50; i++)
            await Acquire(gate, later);
    }
}
