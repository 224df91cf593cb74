using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Owox.Data.Emulator;

namespace Owox.Data.Tests.Integration;

/// <summary>Tokens, rate limits and secrets, each test on an emulator configured for it.</summary>
public class ResilienceTests
{
    [Fact]
    public async Task An_expired_token_is_exchanged_again_once_and_the_command_succeeds()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, TokenLifetime = TimeSpan.FromMinutes(15) });
        await using var connection = new OwoxConnection(emulator.ApiKey);
        await connection.OpenAsync();
        Assert.Equal(1, emulator.ExchangeCount);

        emulator.Clock.Advance(TimeSpan.FromMinutes(20));
        using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2, emulator.ExchangeCount);
    }

    [Fact]
    public async Task A_token_is_renewed_ahead_of_its_lifetime_without_a_401()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, TokenLifetime = TimeSpan.FromMinutes(15) });
        var now = DateTimeOffset.UtcNow;
        await using var dataSource = new OwoxDataSourceBuilder(emulator.ApiKey).UseClock(() => now).Build();
        await using (var first = await dataSource.OpenConnectionAsync())
            Assert.Equal(1, emulator.ExchangeCount);

        now += TimeSpan.FromMinutes(10);
        await using (var second = await dataSource.OpenConnectionAsync())
            Assert.Equal(1, emulator.ExchangeCount);

        now += TimeSpan.FromMinutes(5);
        await using var third = await dataSource.OpenConnectionAsync();
        Assert.Equal(2, emulator.ExchangeCount);
    }

    [Fact]
    public async Task A_rotating_key_provider_is_asked_again_after_its_interval()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 10, TokenLifetime = TimeSpan.FromMinutes(15) });
        var keys = new Queue<string>([emulator.CreateApiKey(), emulator.CreateApiKey()]);
        var calls = 0;
        var now = DateTimeOffset.UtcNow;
        await using var dataSource = new OwoxDataSourceBuilder()
            .UsePeriodicApiKeyProvider((_, _) => { calls++; return new ValueTask<string>(keys.Peek()); }, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(5))
            .UseClock(() => now)
            .Build();

        await using (var connection = await dataSource.OpenConnectionAsync())
        using (var reader = await new OwoxCommand(DemoMarts.Empty, connection).ExecuteReaderAsync())
            Assert.False(await reader.ReadAsync());
        Assert.Equal(1, calls);
        Assert.Equal(emulator.BaseAddress.GetLeftPart(UriPartial.Authority), dataSource.Origin);

        emulator.RevokeApiKey(keys.Dequeue());
        now += TimeSpan.FromMinutes(16);
        await using (var connection = await dataSource.OpenConnectionAsync())
        using (var reader = await new OwoxCommand(DemoMarts.Empty, connection).ExecuteReaderAsync())
            Assert.False(await reader.ReadAsync());
        Assert.Equal(2, calls);
        Assert.Equal(2, emulator.ExchangeCount);
    }

    [Fact]
    public async Task Rate_limit_headers_are_exposed_and_a_request_they_say_will_be_refused_is_not_sent()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 10,
            RateLimits = new RateLimitOptions { HourLimit = 4, DayLimit = 100 },
            ClockStart = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        });
        await using var connection = new OwoxConnection($"Api Key={emulator.ApiKey};Retry Budget=5");
        await connection.OpenAsync();
        using (var reader = await new OwoxCommand(DemoMarts.Empty, connection).ExecuteReaderAsync())
            Assert.False(await reader.ReadAsync());

        var status = connection.RateLimit;
        Assert.NotNull(status);
        Assert.Equal(4, status!.HourLimit);
        Assert.Equal(100, status.DayLimit);
        Assert.Equal(4, status.Limit);
        Assert.Equal("hourly", status.ActiveWindow);
        Assert.True(status.Remaining <= 1, $"remaining {status.Remaining}");

        var e = await Assert.ThrowsAsync<OwoxException>(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                using var reader = await new OwoxCommand(DemoMarts.Empty, connection).ExecuteReaderAsync();
                await reader.ReadAsync();
            }
        });
        Assert.Equal(OwoxErrorCodes.RateLimitExhausted, e.Code);
        Assert.Null(e.StatusCode);
        Assert.True(e.IsTransient);
        Assert.Contains("hourly rate limit of 4 requests", e.Message, StringComparison.Ordinal);
        Assert.Contains("resets in", e.Message, StringComparison.Ordinal);
        Assert.Contains("Retry Budget", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, connection.RateLimit!.Remaining);
        Assert.Equal(2, emulator.DataRequestCount);

        // A data source that has not seen the headers sends, and the server's 429 says when the limit resets.
        await using var other = new OwoxDataSourceBuilder($"Api Key={emulator.ApiKey};Retry Budget=5").Build();
        var refused = await Assert.ThrowsAsync<OwoxException>(async () => await other.OpenConnectionAsync());
        Assert.Equal(429, refused.StatusCode);
        Assert.Contains("hourly rate limit of 4 requests", refused.Message, StringComparison.Ordinal);
        Assert.Contains("resets in", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_commands_never_send_more_requests_than_the_key_has_left()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 10,
            RateLimits = new RateLimitOptions { HourLimit = 8, DayLimit = 100 },
            ClockStart = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
        });
        await using var dataSource = new OwoxDataSourceBuilder($"Api Key={emulator.ApiKey};Retry Budget=5").Build();
        await using (var first = await dataSource.OpenConnectionAsync())
        using (var reader = await new OwoxCommand(DemoMarts.AdPerformance, first).ExecuteReaderAsync())
            Assert.True(await reader.ReadAsync());
        Assert.Equal(5, dataSource.RateLimit!.Remaining);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () =>
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                }
                return "read";
            }
            catch (OwoxException e)
            {
                return e.Code ?? e.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? e.Message;
            }
        })));

        // Requests in flight may already be counted when another's answer arrives, so the view may hold one back; it never sends one too many.
        var read = outcomes.Count(o => o == "read");
        var seen = string.Join(", ", outcomes);
        Assert.True(read is >= 1 and <= 5, seen);
        Assert.True(outcomes.All(o => o is "read" or OwoxErrorCodes.RateLimitExhausted), seen);
        Assert.True(1 + read == emulator.DataRequestCount, $"{emulator.DataRequestCount} data requests; {seen}");
    }

    [Fact]
    public async Task A_429_within_the_budget_is_waited_out_and_retried()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 10,
            RateLimits = new RateLimitOptions { HourLimit = 3, DayLimit = 100 },
            ClockStart = new DateTimeOffset(2026, 11, 23, 10, 59, 59, TimeSpan.Zero),
        });
        await using var connection = new OwoxConnection($"Api Key={emulator.ApiKey};Retry Budget=30");
        await connection.OpenAsync();
        using (var reader = await new OwoxCommand(DemoMarts.Empty, connection).ExecuteReaderAsync())
            Assert.False(await reader.ReadAsync());

        using var advance = new Timer(_ => emulator.Clock.Advance(TimeSpan.FromSeconds(2)), null, 300, Timeout.Infinite);
        var watch = Stopwatch.StartNew();
        using (var reader = await new OwoxCommand(DemoMarts.Empty, connection).ExecuteReaderAsync())
            Assert.False(await reader.ReadAsync());
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(500), $"waited only {watch.Elapsed}");
    }

    [Fact]
    public async Task The_secret_appears_in_no_log_trace_message_or_connection_string()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 20 });
        var secret = Owox.Data.Auth.ApiKey.Parse(emulator.ApiKey).ApiKeySecret;
        var logs = new ConcurrentQueue<string>();
        var traces = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Owox.Data",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => traces.Enqueue(activity.DisplayName + " " + string.Join(" ", activity.TagObjects.Select(t => t.Key + "=" + t.Value))),
        };
        ActivitySource.AddActivityListener(listener);
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new CollectingLoggerProvider(logs)));

        // The failure is a body that ends cleanly short, caught by Verify Row Count, not a cut: a cut the emulator makes
        // before Kestrel has sent anything looks to SocketsHttpHandler like a reused connection closed before its
        // response, which it re-sends by itself, and the read then succeeds (seen under load in CI).
        await using var dataSource = new OwoxDataSourceBuilder($"Api Key={emulator.ApiKey};Max Retries=1;Verify Row Count=true")
            .UseLoggerFactory(loggerFactory)
            .Build();
        emulator.Faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, DataMartId = DemoMarts.AdPerformance, Times = 1 });
        emulator.Faults.Add(new FaultRule { Kind = FaultKind.EndCleanlyShort, DataMartId = DemoMarts.AdPerformance, AfterRows = 3, Times = 1 });
        await using var connection = await dataSource.OpenConnectionAsync();
        var failure = await Assert.ThrowsAsync<OwoxException>(async () =>
        {
            using var reader = await new OwoxCommand(DemoMarts.AdPerformance, connection).ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
            }
        });
        Assert.Equal(OwoxErrorCodes.RowCountMismatch, failure.Code);

        var debuggerDisplay = (DebuggerDisplayAttribute)Attribute.GetCustomAttribute(typeof(OwoxConnectionStringBuilder), typeof(DebuggerDisplayAttribute))!;
        var texts = logs.Concat(traces).Append(failure.ToString()).Append(connection.ConnectionString).Append(dataSource.ConnectionString)
            .Append(new OwoxConnectionStringBuilder(emulator.ApiKey).ToRedactedString());
        Assert.NotEmpty(logs);
        Assert.NotEmpty(traces);
        Assert.Contains(traces, t => t.Contains("owox.run.id=", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("retrying", StringComparison.Ordinal));
        Assert.Contains("ToRedactedString", debuggerDisplay.Value, StringComparison.Ordinal);
        Assert.All(texts, t => Assert.DoesNotContain(secret, t, StringComparison.Ordinal));
    }
}
