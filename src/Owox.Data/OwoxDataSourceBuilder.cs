using System;
using System.Net.Http;
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

    /// <summary>Creates the data source; the API key is parsed and validated here.</summary>
    public OwoxDataSource Build() =>
        new(new OwoxConnectionStringBuilder(ConnectionStringBuilder.ConnectionString), _handler, _loggerFactory);
}
