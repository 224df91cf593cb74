using System;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Http;

namespace Owox.Data.Auth;

/// <summary>
/// One access token per data source, shared by every connection: obtained single-flight (N concurrent opens
/// cause one exchange — the server hashes the secret with scrypt on purpose), renewed ahead of
/// <c>accessTokenExpiresIn</c>, and dropped when a request answers 401 so the next request exchanges again.
/// Tokens without a lifetime are kept until a 401. Each exchange uses the key source's current key and goes
/// to the <c>Api Origin</c> override or, without one, the key's own origin.
/// </summary>
internal sealed class AccessTokenCache(IApiKeySource keys, string? originOverride, OwoxApiClient client) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _token;

    /// <summary>The origin requests go to: the override, or the current key's origin (null before any key is known).</summary>
    public string? Origin => originOverride ?? Volatile.Read(ref _token)?.Origin ?? keys.Current?.ApiOrigin;

    public async ValueTask<AccessToken> GetAsync(bool async, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _token);
        if (current is not null && !current.NeedsRenewal(client.Now()))
            return current;

        if (async)
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        else
            _gate.Wait(cancellationToken);
        try
        {
            current = _token;
            if (current is not null && !current.NeedsRenewal(client.Now()))
                return current;
            var key = await keys.GetAsync(async, cancellationToken).ConfigureAwait(false);
            current = await client.ExchangeAsync(key, originOverride ?? key.ApiOrigin, async, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _token, current);
            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> (after a 401) unless another caller already replaced it.</summary>
    public void Invalidate(AccessToken rejected) => Interlocked.CompareExchange(ref _token, null, rejected);

    public void Dispose()
    {
        _gate.Dispose();
        (keys as IDisposable)?.Dispose();
    }
}
