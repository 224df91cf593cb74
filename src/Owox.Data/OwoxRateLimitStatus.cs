using System;

namespace Owox.Data;

/// <summary>
/// The latest per-key rate-limit figures a server reported in its <c>RateLimit-*</c> headers
/// (see the provider's rate-limit documentation). Values the server did not send are null.
/// </summary>
public sealed class OwoxRateLimitStatus
{
    internal OwoxRateLimitStatus(long? hourLimit, long? dayLimit, long? limit, long? remaining, TimeSpan? resetAfter, DateTimeOffset observedAt)
    {
        HourLimit = hourLimit;
        DayLimit = dayLimit;
        Limit = limit;
        Remaining = remaining;
        ResetAfter = resetAfter;
        ObservedAt = observedAt;
    }

    /// <summary>Requests allowed per hour (<c>RateLimit-HourLimit</c>).</summary>
    public long? HourLimit { get; }

    /// <summary>Requests allowed per day (<c>RateLimit-DayLimit</c>).</summary>
    public long? DayLimit { get; }

    /// <summary>The active limit, hourly or daily, whichever will be reached first (<c>RateLimit-Limit</c>).</summary>
    public long? Limit { get; }

    /// <summary>Requests remaining under the active limit (<c>RateLimit-Remaining</c>).</summary>
    public long? Remaining { get; }

    /// <summary>Time until the active limit resets, as reported (<c>RateLimit-Reset</c>).</summary>
    public TimeSpan? ResetAfter { get; }

    /// <summary>When the response carrying these headers arrived.</summary>
    public DateTimeOffset ObservedAt { get; }

    /// <summary>The moment the active limit resets, when known.</summary>
    public DateTimeOffset? ResetsAt => ResetAfter is TimeSpan after ? ObservedAt + after : null;

    /// <summary>Which window is active: "daily" when <see cref="Limit"/> equals the day limit and differs from the hour limit, else "hourly".</summary>
    public string ActiveWindow => Limit is not null && Limit == DayLimit && DayLimit != HourLimit ? "daily" : "hourly";

    /// <summary>A one-line summary such as <c>"hourly limit 1000, 12 remaining, resets in 00:10:00"</c>.</summary>
    public override string ToString() =>
        $"{ActiveWindow} limit {Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}, " +
        $"{Remaining?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} remaining" +
        (ResetAfter is TimeSpan r ? $", resets in {r:hh\\:mm\\:ss}" : string.Empty);
}
