using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;

namespace Owox.Data.Http;

/// <summary>Reads <c>RateLimit-*</c> and <c>Retry-After</c> headers (wire-protocol §9) from a response.</summary>
internal static class RateLimitHeaders
{
    /// <summary>The status the headers describe, or null when the response carries none of them.</summary>
    public static OwoxRateLimitStatus? Read(HttpResponseMessage response, DateTimeOffset now)
    {
        var headers = response.Headers;
        var hour = ReadLong(headers, "RateLimit-HourLimit");
        var day = ReadLong(headers, "RateLimit-DayLimit");
        var limit = ReadLong(headers, "RateLimit-Limit");
        var remaining = ReadLong(headers, "RateLimit-Remaining");
        var reset = ReadLong(headers, "RateLimit-Reset");
        if (hour is null && day is null && limit is null && remaining is null && reset is null)
            return null;
        return new OwoxRateLimitStatus(hour, day, limit, remaining, reset is long seconds ? TimeSpan.FromSeconds(seconds) : null, now);
    }

    /// <summary>How long the server asked the client to wait: <c>Retry-After</c> (seconds or a date), else <c>RateLimit-Reset</c>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is TimeSpan delta)
            return delta;
        if (retryAfter?.Date is DateTimeOffset date)
            return date > now ? date - now : TimeSpan.Zero;
        return ReadLong(response.Headers, "RateLimit-Reset") is long reset ? TimeSpan.FromSeconds(reset) : null;
    }

    private static long? ReadLong(HttpResponseHeaders headers, string name)
    {
        if (!headers.TryGetValues(name, out var values))
            return null;
        var text = values.FirstOrDefault();
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null;
    }
}
