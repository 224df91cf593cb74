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
    /// Lifetime of exchanged access tokens. <see langword="null"/> (the default): tokens never expire and the
    /// exchange omits <c>accessTokenExpiresIn</c>; otherwise the lifetime is sent in seconds and enforced against
    /// <see cref="OwoxEmulator.Clock"/> (a later call answers 401 <c>Authentication failed</c>).
    /// </summary>
    public TimeSpan? TokenLifetime { get; set; }

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

    /// <summary>The initial time of <see cref="OwoxEmulator.Clock"/>; <see langword="null"/> = the current UTC time.</summary>
    public DateTimeOffset? ClockStart { get; set; }
}

/// <summary>Per-API-key request limits (the model of wire-protocol §9); windows follow <see cref="OwoxEmulator.Clock"/>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests allowed per key per clock hour (default 1000).</summary>
    public int HourLimit { get; set; } = 1000;

    /// <summary>Requests allowed per key per UTC day (default 15000).</summary>
    public int DayLimit { get; set; } = 15000;
}
