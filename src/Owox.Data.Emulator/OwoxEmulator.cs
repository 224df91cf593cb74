using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Owox.Data.Emulator.Auth;
using Owox.Data.Emulator.Http;
using Owox.Data.Emulator.Storage;

namespace Owox.Data.Emulator;

/// <summary>
/// A local OWOX Data Marts HTTP API over real loopback HTTP (Kestrel), backed by an embedded SQLite file:
/// key exchange, the HTTP Data NDJSON endpoints, metadata, runs, opt-in rate limits and fault injection.
/// </summary>
public sealed class OwoxEmulator : IAsyncDisposable, IDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorStore _store;
    private readonly KeyStore _keys;
    private readonly ApiHandler _handler;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private bool _shuttingDown;

    private OwoxEmulator(OwoxEmulatorOptions options, WebApplication app, EmulatorStore store, EmulatorClock clock)
    {
        Options = options;
        _app = app;
        _store = store;
        Clock = clock;
        _keys = new KeyStore(clock);
        _handler = new ApiHandler(this, store, _keys);
    }

    /// <summary>The root address, <c>http://127.0.0.1:{port}</c> — also the <c>apiOrigin</c> inside minted keys.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A key minted at start for the default (admin) user; it never expires.</summary>
    public string ApiKey { get; private set; } = null!;

    /// <summary>Fault injection rules.</summary>
    public EmulatorFaults Faults { get; } = new();

    /// <summary>The controllable clock (token and key expiry, rate-limit windows, <c>relative_date</c>).</summary>
    public EmulatorClock Clock { get; }

    /// <summary>The options the emulator was started with.</summary>
    public OwoxEmulatorOptions Options { get; }

    /// <summary>Successful key exchanges so far.</summary>
    public int ExchangeCount => _handler.Counters.Exchanges;

    /// <summary>Requests that reached the NDJSON stream endpoints (data marts and reports), whatever their outcome.</summary>
    public int DataRequestCount => _handler.Counters.DataRequests;

    /// <summary>The SQLite file in use.</summary>
    public string DatabasePath => _store.Path;

    internal CancellationToken Stopping => _stopping.Token;

    /// <summary>Whether a graceful shutdown is being simulated (<see cref="SetShuttingDown"/>).</summary>
    internal bool ShuttingDown => Volatile.Read(ref _shuttingDown);

    /// <summary>Starts an emulator (seeding the demo marts) and returns once it accepts connections.</summary>
    public static async Task<OwoxEmulator> StartAsync(OwoxEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OwoxEmulatorOptions();
        if (options.DemoRows < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "DemoRows must not be negative.");
        }

        if (options.PreRenderedPayloadRepeat < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "PreRenderedPayloadRepeat must be at least 1.");
        }

        if (options.PreRenderedPayloadRepeat > 1 && options.PreRenderedPayload is [.., not (byte)'\n'])
        {
            throw new ArgumentException("PreRenderedPayload must end with a newline to be repeated (PreRenderedPayloadRepeat > 1).", nameof(options));
        }

        if (options.StreamRowsPerSecond is not null and not > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "StreamRowsPerSecond must be positive (null = unbounded).");
        }

        if (options.StreamBytesPerSecond is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "StreamBytesPerSecond must be positive (null = unbounded).");
        }

        var clock = new EmulatorClock(options.ClockStart ?? DateTimeOffset.UtcNow);
        var store = new EmulatorStore(options.DatabasePath);
        try
        {
            DemoSeed.Ensure(store, options.DemoRows, clock.Now, options.PreRenderedDefinition);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(OwoxEmulator).Assembly.GetName().Name });
            builder.Logging.ClearProviders();
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Error);
            builder.WebHost.ConfigureKestrel(k =>
            {
                k.AddServerHeader = false;
                k.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
                k.Limits.MaxRequestLineSize = 64 * 1024;
                k.Limits.MaxRequestHeadersTotalSize = 96 * 1024;
                k.Listen(IPAddress.Parse(options.Host == "localhost" ? "127.0.0.1" : options.Host), options.Port);
            });
            builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(2));
            builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
            var app = builder.Build();
            var emulator = new OwoxEmulator(options, app, store, clock);
            app.Run(emulator._handler.HandleAsync);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var host = address.Host is "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : address.Host;
            emulator.BaseAddress = new UriBuilder(address.Scheme, host, address.Port).Uri;
            emulator.ApiKey = emulator.CreateApiKey();
            return emulator;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Mints another valid key for the admin user (optionally expiring at <paramref name="expiresAt"/> on <see cref="Clock"/>).</summary>
    public string CreateApiKey(DateTimeOffset? expiresAt = null) => _keys.Mint(BaseAddress, expiresAt);

    /// <summary>
    /// Revokes a key: later exchanges answer 401 <c>Unauthorized</c>; tokens already issued keep working until they
    /// expire (wire-protocol §2.5). Over HTTP: <c>DELETE /_emulator/keys/{apiKeyId}</c>.
    /// </summary>
    public void RevokeApiKey(string apiKey)
    {
        var payload = KeyStore.Decode(apiKey) ?? throw new ArgumentException("Not an owox_key_ string minted by this emulator.", nameof(apiKey));
        _keys.Revoke(payload.ApiKeyId);
    }

    /// <summary>The <c>apiKeyId</c> inside a key string.</summary>
    public static string GetApiKeyId(string apiKey) =>
        KeyStore.Decode(apiKey)?.ApiKeyId ?? throw new ArgumentException("Not an owox_key_ string.", nameof(apiKey));

    /// <summary>
    /// Creates (or replaces, same id) a data mart with its rows. Each row gives one value per streamable column path in
    /// schema order (a BigQuery RECORD contributes its container — a JSON object text — then its leaves). Values may be
    /// CLR values (string, long, double, decimal, bool, DateOnly, DateTime, DateTimeOffset, TimeOnly, TimeSpan, byte[])
    /// or their text forms. Returns the id.
    /// </summary>
    public string CreateDataMart(DataMartDefinition definition, IEnumerable<IReadOnlyList<object?>>? rows = null)
    {
        if (definition is null)
        {
            throw new ArgumentNullException(nameof(definition));
        }

        return _store.CreateMart(definition, rows ?? [], Clock.Now).Id;
    }

    /// <summary>Creates a data mart from a <c>.csv</c> (header row of column names) or <c>.ndjson</c> file; see <see cref="CreateDataMart"/>.</summary>
    public string ImportDataMart(DataMartDefinition definition, string path) => CreateDataMart(definition, DataMartFile.ReadRows(definition, path));

    /// <summary>A snapshot of a stream's run by its <c>x-owox-run-id</c>; <see langword="null"/> when unknown.</summary>
    public EmulatorRun? FindRun(string runId)
    {
        var run = _handler.Runs.Find(runId);
        if (run is null)
        {
            return null;
        }

        lock (run)
        {
            return new EmulatorRun(run.Id, run.DataMartId, run.ReportId, run.Status, run.RowCount, run.BytesWritten, run.Completed, run.Errors.ToArray(), run.CreatedAt, run.FinishedAt);
        }
    }

    /// <summary>Switches a data mart between PUBLISHED and DRAFT.</summary>
    public void SetDataMartPublished(string dataMartId, bool published) => _store.SetPublished(dataMartId, published);

    /// <summary>
    /// Simulates a graceful shutdown: new requests get 503 <c>Server is shutting down</c>, <c>/health/ready</c> answers
    /// 503, and streams in progress are cut. <see langword="false"/> switches it back off.
    /// </summary>
    public void SetShuttingDown(bool shuttingDown) => Volatile.Write(ref _shuttingDown, shuttingDown);

    /// <summary>Stops the server and deletes the temporary database (if one was created).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Synchronous <see cref="DisposeAsync"/>.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
