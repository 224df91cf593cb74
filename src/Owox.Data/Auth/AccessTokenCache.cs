using System;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Http;

namespace Owox.Data.Auth;

/// <summary>
/// One access token per API key per data source, shared by every connection: obtained single-flight
/// (N concurrent opens cause one exchange — the server hashes the secret with scrypt on purpose),
/// renewed ahead of <c>accessTokenExpiresIn</c>, and dropped when a request answers 401 so the next
/// request exchanges again. Tokens without a lifetime are kept until a 401.
/// </summary>
internal sealed class AccessTokenCache(ApiKey key, string origin, OwoxApiClient client) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AccessToken? _token;

    public ApiKey Key { get; } = key;

    public string Origin { get; } = origin;

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
            current = await client.ExchangeAsync(Key, Origin, async, cancellationToken).ConfigureAwait(false);
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

    public void Dispose() => _gate.Dispose();
}
