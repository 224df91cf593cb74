using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace Owox.Data.Emulator.Tests;

public sealed class RateLimitTests
{
    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    [Fact]
    public async Task Hourly_window_limits_per_key_and_resets_on_the_clock()
    {
        var start = new DateTimeOffset(2026, 3, 10, 10, 15, 0, TimeSpan.Zero);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 5,
            ClockStart = start,
            RateLimits = new RateLimitOptions { HourLimit = 3, DayLimit = 100 },
            TokenLifetime = null, // tokens that never expire: moving the clock moves only the rate-limit windows
        });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey); // the exchange is request 1

        using (var second = await client.GetAsync("/api/auth/context"))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal("3", Header(second, "RateLimit-HourLimit"));
            Assert.Equal("100", Header(second, "RateLimit-DayLimit"));
            Assert.Equal("3", Header(second, "RateLimit-Limit"));
            Assert.Equal("1", Header(second, "RateLimit-Remaining"));
            Assert.Equal("2700", Header(second, "RateLimit-Reset"));
        }

        using (var third = await client.GetAsync(ApiClient.DataMartPath(DemoMarts.AdPerformance)))
        {
            Assert.Equal(HttpStatusCode.OK, third.StatusCode);
            Assert.Equal("0", Header(third, "RateLimit-Remaining"));
        }

        using (var refused = await client.GetAsync("/api/auth/context"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("0", Header(refused, "RateLimit-Remaining"));
            Assert.Equal(TimeSpan.FromSeconds(2700), refused.Headers.RetryAfter!.Delta);
            Assert.Contains("\"statusCode\":429", await refused.Content.ReadAsStringAsync());
        }

        // Another key has its own window.
        using (var other = await ApiClient.ConnectAsync(emulator.CreateApiKey()))
        {
            using var ok = await other.GetAsync("/api/auth/context");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        emulator.Clock.Advance(TimeSpan.FromMinutes(45));
        using var after = await client.GetAsync("/api/auth/context");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("2", Header(after, "RateLimit-Remaining"));
        Assert.Equal("3600", Header(after, "RateLimit-Reset"));
    }

    [Fact]
    public async Task Daily_limit_becomes_active_when_it_will_be_reached_first()
    {
        var start = new DateTimeOffset(2026, 3, 10, 23, 0, 0, TimeSpan.Zero);
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions
        {
            DemoRows = 1,
            ClockStart = start,
            RateLimits = new RateLimitOptions { HourLimit = 10, DayLimit = 3 },
            TokenLifetime = null, // tokens that never expire: moving the clock moves only the rate-limit windows
        });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        using (var second = await client.GetAsync("/api/auth/context"))
        {
            Assert.Equal("3", Header(second, "RateLimit-Limit"));
            Assert.Equal("1", Header(second, "RateLimit-Remaining"));
            Assert.Equal("3600", Header(second, "RateLimit-Reset"));
        }

        using (await client.GetAsync("/api/auth/context"))
        {
        }

        using (var refused = await client.GetAsync("/api/auth/context"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3600), refused.Headers.RetryAfter!.Delta);
        }

        emulator.Clock.Advance(TimeSpan.FromHours(1));
        using var nextDay = await client.GetAsync("/api/auth/context");
        Assert.Equal(HttpStatusCode.OK, nextDay.StatusCode);
    }

    [Fact]
    public async Task No_headers_when_rate_limits_are_off()
    {
        await using var emulator = await OwoxEmulator.StartAsync(new OwoxEmulatorOptions { DemoRows = 1 });
        using var client = await ApiClient.ConnectAsync(emulator.ApiKey);
        using var response = await client.GetAsync("/api/auth/context");
        Assert.False(response.Headers.Contains("RateLimit-Limit"));
    }
}
