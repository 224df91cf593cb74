using System;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Auth;

/// <summary>
/// A key that rotates: the user's provider is asked again once <c>successRefreshInterval</c> has passed since it
/// last answered; when it fails, the previous key stays in use and the provider is asked again after
/// <c>failureRefreshInterval</c>. The first call's failure is thrown (there is no key to fall back to).
/// Tokens already issued keep working until they expire or are refused; the next exchange uses the new key.
/// </summary>
internal sealed class PeriodicApiKeySource(
    Func<OwoxConnectionStringBuilder, CancellationToken, ValueTask<string>> provider,
    OwoxConnectionStringBuilder settings,
    TimeSpan successRefreshInterval,
    TimeSpan failureRefreshInterval,
    Func<DateTimeOffset> now) : IApiKeySource, IDisposable
{
    private readonly SingleFlight _flight = new();
    private ApiKey? _current;
    private DateTimeOffset _refreshAt;

    public ApiKey? Current => Volatile.Read(ref _current);

    public ValueTask<ApiKey> GetAsync(bool async, CancellationToken cancellationToken) =>
        _flight.RunAsync(FreshKey, () => RefreshAsync(async, cancellationToken), async, cancellationToken);

    private ApiKey? FreshKey()
    {
        var current = Current;
        return current is not null && now() < _refreshAt ? current : null;
    }

    private async ValueTask<ApiKey> RefreshAsync(bool async, CancellationToken cancellationToken)
    {
        var current = _current;
        string text;
        try
        {
            var pending = provider(settings, cancellationToken);
            text = async || pending.IsCompleted ? await pending.ConfigureAwait(false) : pending.AsTask().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException && current is not null)
        {
            _refreshAt = now() + failureRefreshInterval;
            return current;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OwoxException)
        {
            throw new OwoxException("The API key provider configured with UsePeriodicApiKeyProvider failed before it ever returned a key: " + e.Message, e);
        }
        current = ApiKey.Parse(text);
        Volatile.Write(ref _current, current);
        _refreshAt = now() + successRefreshInterval;
        return current;
    }

    public void Dispose() => _flight.Dispose();
}
