using System;

namespace Owox.Data.Http;

/// <summary>
/// How requests that failed before any row reached the caller are retried: at most <see cref="MaxRetries"/>
/// times, all waits together within <see cref="Budget"/>, exponential back-off with jitter from
/// <see cref="BaseDelay"/> up to <see cref="MaxDelay"/>, and a 429's <c>Retry-After</c> honoured exactly.
/// </summary>
internal sealed class RetryPolicy(int maxRetries, TimeSpan budget)
{
    public int MaxRetries { get; } = maxRetries;

    public TimeSpan Budget { get; } = budget;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The back-off before retry number <paramref name="retry"/> (1-based): full jitter over an exponential cap.</summary>
    public TimeSpan BackOff(int retry, Random random)
    {
        var cap = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry - 1));
        var jittered = (cap / 2) + (random.NextDouble() * cap / 2);
        return TimeSpan.FromMilliseconds(jittered);
    }
}
