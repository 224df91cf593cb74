using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Owox.Data;

/// <summary>
/// Configures an <see cref="OwoxDataSource"/>: the connection string (typed, through
/// <see cref="ConnectionStringBuilder"/>), logging, and the HTTP handler requests go through.
/// </summary>
public sealed class OwoxDataSourceBuilder
{
    private ILoggerFactory? _loggerFactory;
    private HttpMessageHandler? _handler;
    private OwoxDataSource.KeyProvider? _keyProvider;
    private Func<HttpClient>? _createClient;
    private Func<DateTimeOffset>? _clock;

    /// <summary>Starts from a connection string (the bare <c>owox_key_...</c> key, or keywords); null starts empty.</summary>
    public OwoxDataSourceBuilder(string? connectionString = null)
    {
        ConnectionStringBuilder = new OwoxConnectionStringBuilder(connectionString);
    }

    /// <summary>The settings the data source will use; change them before <see cref="Build"/>.</summary>
    public OwoxConnectionStringBuilder ConnectionStringBuilder { get; }

    /// <summary>Where Owox.Data writes its logs (category <c>Owox.Data</c>). Nothing is logged without one.</summary>
    public OwoxDataSourceBuilder UseLoggerFactory(ILoggerFactory? loggerFactory)
    {
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>
    /// Sends every request through <paramref name="handler"/> (proxies, custom certificates, test doubles).
    /// The data source disposes it. Turn off automatic redirects on it: the provider refuses 3xx answers.
    /// </summary>
    public OwoxDataSourceBuilder UseHttpMessageHandler(HttpMessageHandler handler)
    {
        _handler = handler ?? throw new ArgumentNullException(nameof(handler));
        return this;
    }

    /// <summary>
    /// A new handler with the settings Owox.Data uses when it is given none: no automatic redirects, gzip and deflate,
    /// a 30 s connect timeout, connections recycled every 5 minutes, and on .NET 8+ each connection read from the
    /// socket in 64 KiB blocks (the server sends every row as its own HTTP chunk, which the handler would otherwise
    /// read 4 KiB at a time). Start from it when you configure a handler of your own — a proxy, or the primary
    /// handler of an <c>IHttpClientFactory</c> client.
    /// </summary>
    public static HttpMessageHandler CreateDefaultHttpMessageHandler() => Http.OwoxApiClient.CreateDefaultHandler();

    /// <summary>
    /// Takes the HttpClient for each request from <paramref name="createClient"/> — typically
    /// <c>IHttpClientFactory.CreateClient(name)</c>, so handlers the application configured (proxies, logging,
    /// resilience) apply and connections are pooled by the factory. The client's handler must not follow redirects
    /// (the provider refuses 3xx so the token never travels to another host); its Timeout is set to infinite on first
    /// use, since Owox.Data bounds every wait with CommandTimeout. The data source does not dispose these clients.
    /// </summary>
    public OwoxDataSourceBuilder UseHttpClientFactory(Func<HttpClient> createClient)
    {
        _createClient = createClient ?? throw new ArgumentNullException(nameof(createClient));
        return this;
    }

    /// <summary>
    /// Gets the API key from <paramref name="provider"/> instead of the connection string, for keys that rotate
    /// (a secret store, a vault). The provider is called before the first exchange, again whenever
    /// <paramref name="successRefreshInterval"/> has passed, and after <paramref name="failureRefreshInterval"/> when it
    /// failed (the previous key stays in use meanwhile). Access tokens already issued keep working until they expire.
    /// </summary>
    public OwoxDataSourceBuilder UsePeriodicApiKeyProvider(
        Func<OwoxConnectionStringBuilder, CancellationToken, ValueTask<string>> provider,
        TimeSpan successRefreshInterval,
        TimeSpan failureRefreshInterval)
    {
        if (provider is null)
            throw new ArgumentNullException(nameof(provider));
        if (successRefreshInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(successRefreshInterval), successRefreshInterval, "The refresh interval must be positive.");
        if (failureRefreshInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(failureRefreshInterval), failureRefreshInterval, "The retry interval after a failure must be positive.");
        _keyProvider = new OwoxDataSource.KeyProvider(provider, successRefreshInterval, failureRefreshInterval);
        return this;
    }

    /// <summary>Replaces the wall clock that decides token renewal and schema-cache expiry (tests drive it).</summary>
    internal OwoxDataSourceBuilder UseClock(Func<DateTimeOffset> now)
    {
        _clock = now;
        return this;
    }

    /// <summary>Creates the data source; a connection-string API key is parsed and validated here.</summary>
    public OwoxDataSource Build() =>
        new(new OwoxConnectionStringBuilder(ConnectionStringBuilder.ConnectionString), _handler, _loggerFactory, _keyProvider, _createClient, _clock);
}
