using System;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Owox.Data.Emulator.Http;

/// <summary>
/// Per-key hourly and daily request windows (aligned to the clock's UTC hour and day) with the <c>RateLimit-*</c>
/// headers of wire-protocol §9.
/// </summary>
internal sealed class RateLimiter
{
    private readonly RateLimitOptions _options;
    private readonly EmulatorClock _clock;
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public RateLimiter(RateLimitOptions options, EmulatorClock clock)
    {
        _options = options;
        _clock = clock;
    }

    /// <summary>Counts one request for the key and writes the headers; false (and <c>Retry-After</c>) when refused.</summary>
    public bool TryAcquire(string apiKeyId, HttpResponse response)
    {
        var now = _clock.Now;
        var hourStart = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var dayStart = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero);
        var counter = _counters.GetOrAdd(apiKeyId, _ => new Counter());
        bool allowed;
        int hourUsed, dayUsed;
        lock (counter)
        {
            if (counter.HourStart != hourStart)
            {
                counter.HourStart = hourStart;
                counter.Hour = 0;
            }

            if (counter.DayStart != dayStart)
            {
                counter.DayStart = dayStart;
                counter.Day = 0;
            }

            allowed = counter.Hour < _options.HourLimit && counter.Day < _options.DayLimit;
            if (allowed)
            {
                counter.Hour++;
                counter.Day++;
            }

            hourUsed = counter.Hour;
            dayUsed = counter.Day;
        }

        var hourRemaining = Math.Max(0, _options.HourLimit - hourUsed);
        var dayRemaining = Math.Max(0, _options.DayLimit - dayUsed);
        var hourReset = (long)Math.Ceiling((hourStart.AddHours(1) - now).TotalSeconds);
        var dayReset = (long)Math.Ceiling((dayStart.AddDays(1) - now).TotalSeconds);
        var dayActive = dayRemaining < hourRemaining;
        var headers = response.Headers;
        headers["RateLimit-HourLimit"] = Text(_options.HourLimit);
        headers["RateLimit-DayLimit"] = Text(_options.DayLimit);
        headers["RateLimit-Limit"] = Text(dayActive ? _options.DayLimit : _options.HourLimit);
        headers["RateLimit-Remaining"] = Text(dayActive ? dayRemaining : hourRemaining);
        headers["RateLimit-Reset"] = Text(dayActive ? dayReset : hourReset);
        if (!allowed)
        {
            var retry = dayRemaining == 0 ? dayReset : hourReset;
            headers.RetryAfter = Text(retry);
        }

        return allowed;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class Counter
    {
        public DateTimeOffset HourStart { get; set; }

        public DateTimeOffset DayStart { get; set; }

        public int Hour { get; set; }

        public int Day { get; set; }
    }
}
