using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data;

/// <summary>
/// A connection to OWOX Data Marts through one API key. <see cref="Open"/> obtains an access token (shared
/// with every other connection of the same data source, exchanged at most once) and nothing else; each
/// command then streams over HTTP. The connection string is the bare <c>owox_key_...</c> key or keywords
/// (see <see cref="OwoxConnectionStringBuilder"/>). OWOX Data Marts is read-only: there are no transactions.
/// </summary>
public sealed class OwoxConnection : DbConnection
{
    private string _connectionString = string.Empty;
    private OwoxDataSource? _dataSource;
    private readonly bool _fromDataSource;
    private ConnectionState _state = ConnectionState.Closed;
    private OwoxConnectionStringBuilder? _settings;
    private bool _wasOpened;
    private readonly List<OwoxDataReader> _readers = [];

    /// <summary>Creates a closed connection with no connection string.</summary>
    public OwoxConnection()
    {
    }

    /// <summary>Creates a closed connection with a connection string (the bare <c>owox_key_...</c> key, or keywords).</summary>
    public OwoxConnection(string? connectionString)
    {
        ConnectionString = connectionString;
    }

    internal OwoxConnection(OwoxDataSource dataSource)
    {
        _dataSource = dataSource;
        _settings = dataSource.Settings;
        _connectionString = dataSource.Settings.ConnectionString;
        _fromDataSource = true;
    }

    /// <summary>
    /// The connection string. After <see cref="Open"/> the API key is removed from what this returns unless
    /// <c>Persist Security Info=true</c>. It can be changed only while the connection is closed.
    /// </summary>
    [AllowNull]
    public override string ConnectionString
    {
        get
        {
            if (_settings is null || _settings.PersistSecurityInfo || !_wasOpened)
                return _connectionString;
            return _settings.ToRedactedString();
        }
        set
        {
            if (_state != ConnectionState.Closed)
                throw new InvalidOperationException("ConnectionString can only be changed while the connection is closed.");
            if (_fromDataSource)
                throw new InvalidOperationException("This connection belongs to an OwoxDataSource; change the data source's connection string instead.");
            _connectionString = value ?? string.Empty;
            _settings = new OwoxConnectionStringBuilder(_connectionString);
            _dataSource = null;
            _wasOpened = false;
        }
    }

    /// <summary>Seconds <see cref="Open"/> may take (the <c>Timeout</c> keyword; 0 = no limit).</summary>
    public override int ConnectionTimeout => (_settings ?? new OwoxConnectionStringBuilder()).Timeout;

    /// <summary>Always empty: OWOX has no databases, only data marts (use them as table names).</summary>
    public override string Database => string.Empty;

    /// <summary>The origin the connection talks to, e.g. <c>https://app.owox.com</c>; empty before a connection string is set.</summary>
    public override string DataSource
    {
        get
        {
            if (_dataSource is not null)
                return _dataSource.Origin;
            var settings = _settings;
            if (settings is null)
                return string.Empty;
            if (settings.ApiOrigin.Length > 0)
                return Auth.ApiKey.NormalizeOrigin(settings.ApiOrigin) ?? settings.ApiOrigin;
            try
            {
                return Auth.ApiKey.Parse(settings.ApiKey).ApiOrigin;
            }
            catch (OwoxException)
            {
                return string.Empty;
            }
        }
    }

    /// <summary>
    /// "1.0": the version of the OWOX Data Marts API contract (the server publishes no server version; see the
    /// provider documentation). Requires an open connection, as ADO.NET specifies.
    /// </summary>
    public override string ServerVersion
    {
        get
        {
            EnsureOpen(nameof(ServerVersion));
            return "1.0";
        }
    }

    /// <summary>Open or Closed.</summary>
    public override ConnectionState State => _state;

    /// <summary>The latest rate-limit figures the server reported for this connection's API key, or null when it sent none.</summary>
    public OwoxRateLimitStatus? RateLimit => _dataSource?.RateLimit;

    /// <summary>The factory that creates Owox.Data objects (<see cref="OwoxFactory.Instance"/>).</summary>
    protected override DbProviderFactory DbProviderFactory => OwoxFactory.Instance;

    internal OwoxDataSource OpenDataSource => _state == ConnectionState.Open && _dataSource is not null
        ? _dataSource
        : throw new InvalidOperationException("The connection is not open.");

    internal OwoxDataSource? OpenDataSourceOrNull => _dataSource;

    internal OwoxConnectionStringBuilder Settings => _settings ?? new OwoxConnectionStringBuilder();

    /// <summary>Obtains an access token for the key (from the shared cache, or by one exchange) within <see cref="ConnectionTimeout"/>.</summary>
    public override void Open() => OpenAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Obtains an access token for the key asynchronously; see <see cref="Open"/>. An already-cancelled token returns a cancelled task.</summary>
    public override Task OpenAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled(cancellationToken) : OpenAsync(async: true, cancellationToken).AsTask();

    /// <summary>
    /// Closes the connection and every reader still open on it (their streams stop; the access token stays cached in
    /// the data source for the next connection). Safe from any thread; does nothing on a closed connection.
    /// </summary>
    public override void Close()
    {
        OwoxDataReader[] open;
        lock (_readers)
        {
            open = _readers.ToArray();
            _readers.Clear();
        }
        foreach (var reader in open)
            reader.Close();
        var previous = _state;
        _state = ConnectionState.Closed;
        if (previous == ConnectionState.Open)
            OnStateChange(new StateChangeEventArgs(ConnectionState.Open, ConnectionState.Closed));
    }

    /// <summary>Not supported: OWOX has no databases.</summary>
    public override void ChangeDatabase(string databaseName) =>
        throw new NotSupportedException("OWOX Data Marts has no databases to change to; name the data mart in the command instead.");

    /// <summary>Creates a command on this connection.</summary>
    public new OwoxCommand CreateCommand() => new() { Connection = this };

    /// <inheritdoc />
    protected override DbCommand CreateDbCommand() => CreateCommand();

    /// <summary>Not supported: OWOX Data Marts is read-only over this API, so there is nothing to commit or roll back.</summary>
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        throw new NotSupportedException("OWOX Data Marts is read-only over the HTTP Data API, so transactions do not exist; run commands without BeginTransaction.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Close();
        base.Dispose(disposing);
    }

    /// <summary>The list of schema collections (<c>MetaDataCollections</c>).</summary>
    public override DataTable GetSchema() => GetSchema(DbMetaDataCollectionNames.MetaDataCollections);

    /// <summary>One schema collection: MetaDataCollections, DataSourceInformation, Restrictions, DataTypes, ReservedWords, Tables (data marts) or Columns.</summary>
    public override DataTable GetSchema(string collectionName) => GetSchema(collectionName, null);

    /// <summary>One schema collection filtered by restrictions [catalog, schema, table(, column)] (see <see cref="GetSchema(string)"/>).</summary>
    public override DataTable GetSchema(string collectionName, string?[]? restrictionValues)
    {
        EnsureOpen(nameof(GetSchema));
        return Schema.SchemaCollections.GetAsync(this, collectionName, restrictionValues, async: false, CancellationToken.None).GetAwaiter().GetResult();
    }

#if NET5_0_OR_GREATER
    /// <summary>Asynchronous <see cref="GetSchema(string, string?[])"/>.</summary>
    public override Task<DataTable> GetSchemaAsync(string collectionName, string?[] restrictionValues, CancellationToken cancellationToken = default)
    {
        EnsureOpen(nameof(GetSchemaAsync));
        return Schema.SchemaCollections.GetAsync(this, collectionName, restrictionValues, async: true, cancellationToken).AsTask();
    }
#endif

    internal void ReaderOpened(OwoxDataReader reader)
    {
        lock (_readers)
            _readers.Add(reader);
    }

    internal void ReaderClosed(OwoxDataReader reader)
    {
        lock (_readers)
            _readers.Remove(reader);
    }

    internal void EnsureOpen(string member)
    {
        if (_state != ConnectionState.Open)
            throw new InvalidOperationException($"{member} requires an open connection; call Open() or OpenAsync() first.");
    }

    private async ValueTask OpenAsync(bool async, CancellationToken cancellationToken)
    {
        if (_state == ConnectionState.Open)
            throw new InvalidOperationException("The connection is already open.");
        if (_dataSource is null)
        {
            if (string.IsNullOrWhiteSpace(_connectionString))
                throw new InvalidOperationException("The ConnectionString has not been set: pass the owox_key_... API key copied from OWOX (or 'Api Key=owox_key_...').");
            _dataSource = OwoxDataSource.ForConnectionString(_connectionString);
        }

        var timeout = ConnectionTimeout;
        using var timeoutSource = timeout > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(timeout)) : null;
        using var linked = timeoutSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        _state = ConnectionState.Connecting;
        try
        {
            await _dataSource.Tokens.GetAsync(async, linked?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeoutSource?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            _state = ConnectionState.Closed;
            throw new OwoxException(
                $"Opening the connection timed out after {timeout} s while exchanging the API key at {_dataSource.Origin}. " +
                "Check that the server is reachable, or raise the 'Timeout' keyword (0 = no limit).", e);
        }
        catch
        {
            _state = ConnectionState.Closed;
            throw;
        }
        _state = ConnectionState.Open;
        _wasOpened = true;
        OnStateChange(new StateChangeEventArgs(ConnectionState.Closed, ConnectionState.Open));
    }
}
