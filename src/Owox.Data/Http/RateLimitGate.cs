using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Owox.Data.Diagnostics;

namespace Owox.Data.Http;

/// <summary>
/// One data source's view of its key's rate limit (wire-protocol §9), shared by every request it sends, in parallel or
/// not: it never starts a request that the last known <c>RateLimit-Remaining</c> says the server will refuse. Each
/// observation sets the requests still available to the server's <c>Remaining</c> less the requests in flight (which the
/// server may not have counted yet, so the view errs on the side of waiting), and within one window it only goes down,
/// whatever order the answers of parallel requests arrive in; each request started takes one. With none
/// left, a request waits for the reported reset when that fits in the retry budget, and is refused without being sent
/// otherwise. After the reset the figure is unknown until the next response, and requests go out as they come.
/// </summary>
internal sealed class RateLimitGate
{
    /// <summary><c>RateLimit-Reset</c> is whole seconds from each answer, so one window's reset moment varies by about a second.</summary>
    private static readonly TimeSpan SameWindow = TimeSpan.FromSeconds(2);

    private readonly object _lock = new();
    private long? _available;
    private DateTimeOffset? _resetsAt;
    private OwoxRateLimitStatus? _status;
    private int _inFlight;

    /// <summary>
    /// Takes one request from the known budget, waiting for the reset when there is none; the caller calls
    /// <see cref="Complete"/> once the request has its answer (or failed). Throws, without sending, when the wait would
    /// not fit in <paramref name="remainingBudget"/>.
    /// </summary>
    public async ValueTask AcquireAsync(Func<DateTimeOffset> now, TimeSpan remainingBudget, RequestContext context, ILogger logger, bool async, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            OwoxRateLimitStatus? status;
            lock (_lock)
            {
                var at = now();
                if (_available is null || _resetsAt is null || _resetsAt <= at)
                {
                    _available = null;
                    _inFlight++;
                    return;
                }
                if (_available > 0)
                {
                    _available--;
                    _inFlight++;
                    return;
                }
                wait = _resetsAt.Value - at;
                status = _status;
            }
            if (wait > remainingBudget)
                throw Exhausted(status!, wait, now(), context, remainingBudget);
            OwoxLog.RateLimitWait(logger, context.Operation, "no requests remaining", (long)wait.TotalMilliseconds);
            OwoxTelemetry.RateLimitWaits.Add(1, context.Telemetry?.Tags() ?? default);
            if (async)
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            else if (cancellationToken.WaitHandle.WaitOne(wait))
                cancellationToken.ThrowIfCancellationRequested();
            remainingBudget -= wait;
        }
    }

    /// <summary>Ends a request taken with <see cref="AcquireAsync"/>; <paramref name="status"/> is what its answer reported, if anything.</summary>
    public void Complete(OwoxRateLimitStatus? status)
    {
        lock (_lock)
        {
            _inFlight--;
            if (status?.Remaining is not long remaining || status.ResetsAt is not DateTimeOffset resetsAt)
                return;
            var available = Math.Max(0, remaining - _inFlight);
            if (_available is long known && _resetsAt is DateTimeOffset window && resetsAt <= window + SameWindow)
            {
                // Answers of parallel requests arrive in any order: within one window the count only goes down, so an
                // older answer (more remaining) must not undo a newer one.
                _available = Math.Min(known, available);
                return;
            }
            _available = available;
            _resetsAt = resetsAt;
            _status = status;
        }
    }

    private static OwoxException Exhausted(OwoxRateLimitStatus status, TimeSpan wait, DateTimeOffset now, RequestContext context, TimeSpan budget)
    {
        var limit = status.Limit is long l ? $" of {l} requests" : string.Empty;
        return new OwoxException(
            $"{context.Operation} was not sent: the API key's {status.ActiveWindow} rate limit{limit} has no requests left, as the server reported " +
            $"(RateLimit-Remaining). It resets in {wait:hh\\:mm\\:ss} (at {(now + wait).UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC), which is longer than " +
            $"the {Math.Max(0, budget.TotalSeconds):0} s left of 'Retry Budget'; wait and run again, raise 'Retry Budget', or spread the load over the day.",
            null, null, OwoxErrorCodes.RateLimitExhausted, null, isTransient: true)
        { DataMartId = context.DataMartId, RequestId = context.RequestId };
    }
}
