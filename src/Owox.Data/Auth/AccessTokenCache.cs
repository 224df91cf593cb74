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
    private readonly SingleFlight _flight = new();
    private AccessToken? _token;

    /// <summary>The origin requests go to: the override, or the current key's origin (null before any key is known).</summary>
    public string? Origin => originOverride ?? Volatile.Read(ref _token)?.Origin ?? keys.Current?.ApiOrigin;

    public ValueTask<AccessToken> GetAsync(bool async, CancellationToken cancellationToken) =>
        _flight.RunAsync(FreshToken, () => ExchangeAsync(async, cancellationToken), async, cancellationToken);

    /// <summary>Forgets <paramref name="rejected"/> (after a 401) unless another caller already replaced it.</summary>
    public void Invalidate(AccessToken rejected) => Interlocked.CompareExchange(ref _token, null, rejected);

    private AccessToken? FreshToken()
    {
        var token = Volatile.Read(ref _token);
        return token is not null && !token.NeedsRenewal(client.Now()) ? token : null;
    }

    private async ValueTask<AccessToken> ExchangeAsync(bool async, CancellationToken cancellationToken)
    {
        var key = await keys.GetAsync(async, cancellationToken).ConfigureAwait(false);
        var token = await client.ExchangeAsync(key, originOverride ?? key.ApiOrigin, async, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _token, token);
        return token;
    }

    public void Dispose()
    {
        _flight.Dispose();
        (keys as IDisposable)?.Dispose();
    }
}
