using System;

namespace Owox.Data.Emulator;

/// <summary>Settings for <see cref="OwoxEmulator.StartAsync"/>.</summary>
public sealed class OwoxEmulatorOptions
{
    /// <summary>The TCP port to listen on; 0 (the default) picks a random free port.</summary>
    public int Port { get; set; }

    /// <summary>The address to bind; <c>127.0.0.1</c> by default (loopback only).</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// The SQLite file holding the data marts. <see langword="null"/> (the default) creates a fresh temporary
    /// file that is deleted on dispose; a given path is created and seeded when new and reused when it exists.
    /// </summary>
    public string? DatabasePath { get; set; }

    /// <summary>Number of rows in the <see cref="DemoMarts.AdPerformance"/> mart (default 1000; a few million work).</summary>
    public int DemoRows { get; set; } = 1000;

    /// <summary>
    /// Lifetime of exchanged access tokens, as a <c>better-auth</c> server issues them: 15 minutes by default. The
    /// exchange sends it as <c>accessTokenExpiresIn</c> (in seconds) and a later call past it on
    /// <see cref="OwoxEmulator.Clock"/> answers 401 <c>Authentication failed</c>; <c>/api/flags</c> says
    /// <c>better-auth</c>. <see langword="null"/>: tokens never expire, the exchange omits the lifetime and
    /// <c>/api/flags</c> says <c>none</c> (wire-protocol §2.3).
    /// </summary>
    public TimeSpan? TokenLifetime { get; set; } = DefaultTokenLifetime;

    /// <summary>The default <see cref="TokenLifetime"/>: 15 minutes, what a <c>better-auth</c> server grants.</summary>
    public static TimeSpan DefaultTokenLifetime { get; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Which server to behave as: <see cref="EmulatedServer.Reference"/> (the default) or a self-hosted 0.35.0 server
    /// without a Cloud licence, which refuses every stream (wire-protocol §10).
    /// </summary>
    public EmulatedServer Server { get; set; } = EmulatedServer.Reference;

    /// <summary>Per-key rate limits; <see langword="null"/> (the default) turns rate limiting off.</summary>
    public RateLimitOptions? RateLimits { get; set; }

    /// <summary>
    /// Benchmark mode: when set, <c>GET .../data-marts/{DemoMarts.Benchmark}.ndjson</c> writes these bytes (already
    /// NDJSON) with the normal success headers, <see cref="PreRenderedPayloadRepeat"/> times back to back, each row as
    /// its own HTTP chunk as the real server writes it. See <see cref="DemoMarts.RenderAdPerformancePayload"/>.
    /// </summary>
#pragma warning disable CA1819 // A pre-rendered payload is a byte array by nature.
    public byte[]? PreRenderedPayload { get; set; }
#pragma warning restore CA1819

    /// <summary>
    /// How many times benchmark mode streams <see cref="PreRenderedPayload"/> in one response (default 1): the same
    /// array is written block after block, never copied, so a response can be far larger than one array can hold
    /// (20 M rows from a 1 M-row block). The run records exactly the block's rows times this count. Must be at least
    /// 1; above 1 the payload must end with <c>\n</c> so that blocks join into valid NDJSON.
    /// </summary>
    public int PreRenderedPayloadRepeat { get; set; } = 1;

    /// <summary>
    /// Benchmark mode: the storage flavour and columns that <c>GET /api/data-marts/{DemoMarts.Benchmark}</c> describes, so
    /// that a <see cref="PreRenderedPayload"/> of any shape is typed by its own schema; <see langword="null"/> (the default)
    /// describes the ad-performance columns of <see cref="DemoMarts.RenderAdPerformancePayload"/>. Its <c>Id</c> is ignored.
    /// </summary>
    public DataMartDefinition? PreRenderedDefinition { get; set; }

    /// <summary>
    /// Bounds every NDJSON stream response — data marts, reports and benchmark mode — to this many rows per second, as a
    /// warehouse bounds each stream: each response is paced on its own, so N parallel streams together get N times the
    /// rows of one. Rows leave on that schedule, at most 10 ms ahead of it (a clock is checked per row and the stream
    /// sleeps once it is further ahead); a stream held back (a slow reader) catches up by at most 100 ms' worth; the rows
    /// an <see cref="FaultKind.EndCleanlyShort"/> does not send still take their time. <see langword="null"/> (the
    /// default) = unbounded; otherwise it must be positive. With <see cref="StreamBytesPerSecond"/> the tighter bound holds.
    /// </summary>
    public double? StreamRowsPerSecond { get; set; }

    /// <summary>
    /// Bounds every NDJSON stream response to this many bytes per second, each response on its own, as
    /// <see cref="StreamRowsPerSecond"/> does rows. <see langword="null"/> (the default) = unbounded; otherwise it must be
    /// positive.
    /// </summary>
    public long? StreamBytesPerSecond { get; set; }

    /// <summary>The initial time of <see cref="OwoxEmulator.Clock"/>; <see langword="null"/> = the current UTC time.</summary>
    public DateTimeOffset? ClockStart { get; set; }
}
