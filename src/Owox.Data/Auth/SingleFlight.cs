using System;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Auth;

/// <summary>
/// A value reused while it is fresh and, when it is not, refreshed by exactly one caller while the others wait
/// and then take the refreshed value (the server's key exchange is slow on purpose; a key provider may be too).
/// </summary>
internal sealed class SingleFlight : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Returns <paramref name="fresh"/>() when it is not null; otherwise, one caller at a time, checks again and
    /// runs <paramref name="refresh"/>. Waiting honours <paramref name="cancellationToken"/>.
    /// </summary>
    public async ValueTask<T> RunAsync<T>(Func<T?> fresh, Func<ValueTask<T>> refresh, bool async, CancellationToken cancellationToken)
        where T : class
    {
        if (fresh() is { } value)
            return value;
        if (async)
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        else
            _gate.Wait(cancellationToken);
        try
        {
            return fresh() ?? await refresh().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
