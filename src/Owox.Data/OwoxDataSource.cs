using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Owox.Data.Auth;
using Owox.Data.Diagnostics;
using Owox.Data.Execution;
using Owox.Data.Http;
using Owox.Data.Schema;
#if NET7_0_OR_GREATER
using System.Data.Common;
#endif

namespace Owox.Data;

/// <summary>
/// The composition root of Owox.Data: one API key, one HTTP connection pool, one access-token cache shared by
/// every connection it creates, a cache of data-mart schemas, the latest rate-limit status, and logging.
/// Create one per key with <see cref="Create(string)"/> or <see cref="OwoxDataSourceBuilder"/> and keep it for
/// the life of the application; plain <see cref="OwoxConnection"/>s share a process-wide data source per
/// connection string. Dispose it to release its HTTP connections.
/// </summary>
public sealed class OwoxDataSource
#if NET7_0_OR_GREATER
    : DbDataSource
#else
    : IDisposable, IAsyncDisposable
#endif
{
    private static readonly ConcurrentDictionary<string, Lazy<OwoxDataSource>> Shared = new(StringComparer.Ordinal);
    private static readonly TimeSpan MetadataLifetime = TimeSpan.FromMinutes(5);

    private readonly MetadataCache<DataMartSchema> _schemas = new(MetadataLifetime);
    private readonly MetadataCache<ReportDefinition> _reports = new(MetadataLifetime);
    private readonly MetadataCache<ReportOutputSchema> _outputSchemas = new(MetadataLifetime);
    private readonly HttpClient? _http;
    private OwoxRateLimitStatus? _rateLimit;
    private int _disposed;

    internal OwoxDataSource(OwoxConnectionStringBuilder settings, HttpMessageHandler? handler, ILoggerFactory? loggerFactory, KeyProvider? keyProvider = null, Func<HttpClient>? createClient = null, Func<DateTimeOffset>? clock = null)
    {
        Settings = settings;
        string? originOverride = null;
        if (settings.ApiOrigin.Length > 0)
        {
            originOverride = ApiKey.NormalizeOrigin(settings.ApiOrigin)
                ?? throw new OwoxException("The 'Api Origin' keyword must be an http or https origin with only scheme, host and optional port, e.g. https://owox.example.com.");
        }

        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger("Owox.Data");

        HttpClient? ownClient = null;
        if (createClient is null)
        {
            ownClient = OwoxApiClient.CreateHttpClient(handler);
            createClient = () => ownClient;
        }
        _http = ownClient;
        Api = new OwoxApiClient(
            createClient,
            new RetryPolicy(settings.MaxRetries, TimeSpan.FromSeconds(settings.RetryBudget)),
            OwoxApiClient.DefaultUserAgent(settings.ApplicationName),
            Logger,
            (_, status) => Volatile.Write(ref _rateLimit, status))
        {
            Now = clock ?? (() => DateTimeOffset.UtcNow),
        };
        IApiKeySource keys = keyProvider is null
            ? new StaticApiKeySource(ApiKey.Parse(settings.ApiKey))
            : new PeriodicApiKeySource(keyProvider.Provider, settings, keyProvider.SuccessRefreshInterval, keyProvider.FailureRefreshInterval, () => Api.Now());
        Tokens = new AccessTokenCache(keys, originOverride, Api);
        var origin = Origin;
        if (origin.StartsWith("http://", StringComparison.Ordinal) && !IsLoopback(origin))
            OwoxLog.PlainHttpOrigin(Logger, origin);
    }

    /// <summary>A rotating key source configured on the builder.</summary>
    internal sealed record KeyProvider(Func<OwoxConnectionStringBuilder, CancellationToken, ValueTask<string>> Provider, TimeSpan SuccessRefreshInterval, TimeSpan FailureRefreshInterval);

    /// <summary>Creates a data source from a connection string (the bare <c>owox_key_...</c> key, or keywords).</summary>
    public static OwoxDataSource Create(string connectionString) =>
        new(new OwoxConnectionStringBuilder(connectionString), handler: null, loggerFactory: null);

    /// <summary>The connection string, without the API key unless <c>Persist Security Info=true</c>.</summary>
#if NET7_0_OR_GREATER
    public override string ConnectionString
#else
    public string ConnectionString
#endif
        => Settings.PersistSecurityInfo ? Settings.ConnectionString : Settings.ToRedactedString();

    /// <summary>The origin requests go to: the <c>Api Origin</c> override, else the key's (empty until a rotating key provider has answered).</summary>
    public string Origin => Tokens.Origin ?? string.Empty;

    /// <summary>The latest rate-limit figures the server sent for this data source's key, or null when it sent none.</summary>
    public OwoxRateLimitStatus? RateLimit => Volatile.Read(ref _rateLimit);

    internal OwoxConnectionStringBuilder Settings { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    internal OwoxApiClient Api { get; }

    internal AccessTokenCache Tokens { get; }

    /// <summary>Creates a closed connection that uses this data source.</summary>
#if NET7_0_OR_GREATER
    public new OwoxConnection CreateConnection()
#else
    public OwoxConnection CreateConnection()
#endif
     => new(this);

    /// <summary>Creates and opens a connection.</summary>
#if NET7_0_OR_GREATER
    public new OwoxConnection OpenConnection()
#else
    public OwoxConnection OpenConnection()
#endif
    
    {
        var connection = CreateConnection();
        connection.Open();
        return connection;
    }

    /// <summary>Creates and opens a connection asynchronously.</summary>
#if NET7_0_OR_GREATER
    public new async ValueTask<OwoxConnection> OpenConnectionAsync(
#else
    public async ValueTask<OwoxConnection> OpenConnectionAsync(
#endif
    CancellationToken cancellationToken = default)
    {
        var connection = CreateConnection();
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>Creates a command bound to a connection this data source opens when the command runs, and closes with its reader.</summary>
#if NET7_0_OR_GREATER
    public new OwoxCommand CreateCommand(
#else
    public OwoxCommand CreateCommand(
#endif
    string? commandText = null) =>
        new(commandText, this);

#if NET7_0_OR_GREATER
    /// <inheritdoc />
    protected override DbConnection CreateDbConnection() => CreateConnection();

    /// <inheritdoc />
    protected override DbCommand CreateDbCommand(string? commandText = null) => CreateCommand(commandText);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            DisposeCore();
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override ValueTask DisposeAsyncCore()
    {
        DisposeCore();
        return base.DisposeAsyncCore();
    }
#else
    /// <summary>Releases the HTTP connections and the token cache.</summary>
    public void Dispose() => DisposeCore();

    /// <summary>Releases the HTTP connections and the token cache.</summary>
    public ValueTask DisposeAsync()
    {
        DisposeCore();
        return default;
    }
#endif

    internal static OwoxDataSource ForConnectionString(string connectionString)
    {
        var lazy = Shared.GetOrAdd(connectionString, cs => new Lazy<OwoxDataSource>(() => Create(cs)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Shared.TryRemove(connectionString, out _);
            throw;
        }
    }

    /// <summary>
    /// The data mart's declared schema, cached for five minutes; null when the key may not read it (403), so
    /// the caller infers types instead. Other failures (404, 401, network) are thrown.
    /// </summary>
    internal ValueTask<DataMartSchema?> GetSchemaAsync(string dataMartId, bool async, CancellationToken cancellationToken) =>
        _schemas.GetAsync(
            dataMartId,
            () => Api.GetJsonAsync<DataMartSchema?>(
                "/api/data-marts/" + Uri.EscapeDataString(dataMartId), Tokens,
                new RequestContext($"Reading the schema of data mart '{dataMartId}'", OwoxTelemetry.GetDataMart, dataMartId),
                root => DataMartSchema.Parse(root, dataMartId), async, cancellationToken),
            Api.Now());

    /// <summary>
    /// A saved report's definition, cached for five minutes; null when it cannot be read (403, or 404 — the
    /// stream request then reports the 404 itself), so the caller infers the report's columns instead.
    /// </summary>
    internal ValueTask<ReportDefinition?> GetReportAsync(string reportId, bool async, CancellationToken cancellationToken) =>
        _reports.GetAsync(
            reportId,
            () => Api.GetJsonAsync(
                "/api/reports/" + Uri.EscapeDataString(reportId), Tokens,
                new RequestContext($"Reading the definition of report '{reportId}'", OwoxTelemetry.GetReport, reportId),
                root => ReportDefinition.Parse(root, reportId), async, cancellationToken),
            Api.Now(),
            unreadable: 404);

    /// <summary>
    /// A report's typed output columns (wire-protocol §5.6, §10), cached for five minutes; null where the server does
    /// not answer it (404 from servers before 0.35, or 403), so the caller derives the columns from the definition.
    /// </summary>
    internal ValueTask<ReportOutputSchema?> GetReportOutputSchemaAsync(string reportId, bool async, CancellationToken cancellationToken) =>
        _outputSchemas.GetAsync(
            reportId,
            () => Api.GetJsonAsync(
                "/api/reports/" + Uri.EscapeDataString(reportId) + "/output-schema", Tokens,
                new RequestContext($"Reading the output schema of report '{reportId}'", OwoxTelemetry.GetReportOutputSchema, reportId),
                ReportOutputSchema.Parse, async, cancellationToken),
            Api.Now(),
            unreadable: 404);

    /// <summary>The server's record of one stream (wire-protocol §3.12); not cached: it is read once, after the stream ended.</summary>
    internal ValueTask<StreamRun> GetRunAsync(string dataMartId, string runId, bool async, CancellationToken cancellationToken) =>
        Api.GetJsonAsync(
            "/api/data-marts/" + Uri.EscapeDataString(dataMartId) + "/runs/" + Uri.EscapeDataString(runId), Tokens,
            new RequestContext($"Reading run '{runId}' of data mart '{dataMartId}'", OwoxTelemetry.GetRun, dataMartId),
            StreamRun.Parse, async, cancellationToken);

    /// <summary>Every data mart the key may see (wire-protocol §5.2), following <c>nextOffset</c> across pages of 1000.</summary>
    internal async ValueTask<IReadOnlyList<DataMartSummary>> ListDataMartsAsync(bool async, CancellationToken cancellationToken)
    {
        var marts = new List<DataMartSummary>();
        long? offset = 0;
        while (offset is long current)
        {
            offset = await Api.GetJsonAsync(
                "/api/data-marts?offset=" + current.ToString(CultureInfo.InvariantCulture), Tokens,
                new RequestContext("Listing data marts", OwoxTelemetry.ListDataMarts),
                root => DataMartSummary.ParsePage(root, current, marts), async, cancellationToken).ConfigureAwait(false);
        }
        return marts;
    }

    /// <summary>The saved reports of one data mart (wire-protocol §5.6); not cached, like the list of data marts.</summary>
    internal ValueTask<IReadOnlyList<ReportSummary>> ListReportsAsync(string dataMartId, bool async, CancellationToken cancellationToken) =>
        Api.GetJsonAsync(
            "/api/reports/data-mart/" + Uri.EscapeDataString(dataMartId), Tokens,
            new RequestContext($"Listing the reports of data mart '{dataMartId}'", OwoxTelemetry.ListReports, dataMartId),
            root => ReportSummary.ParseList(root, dataMartId), async, cancellationToken);

    private void DisposeCore()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Tokens.Dispose();
        _http?.Dispose();
    }

    private static bool IsLoopback(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.IsLoopback;

}
