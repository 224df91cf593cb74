using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Owox.Data.Diagnostics;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/> named <c>Owox.Data</c>: spans for key exchanges
/// (<c>owox.exchange</c>) and streamed commands (<c>owox.query</c>, tagged with data-mart id, run id, rows and
/// bytes), counters for rows, bytes, retries and rate-limit waits, and a histogram of time to first row.
/// Nothing recorded here carries a key, secret or token.
/// </summary>
internal static class OwoxTelemetry
{
    public const string Name = "Owox.Data";

    private static readonly string Version = typeof(OwoxTelemetry).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly Meter Meter = new(Name, Version);

    public static readonly Counter<long> Rows = Meter.CreateCounter<long>("owox.data.rows", "{row}", "Rows handed out by Owox.Data readers.");

    public static readonly Counter<long> Bytes = Meter.CreateCounter<long>("owox.data.bytes", "By", "NDJSON bytes received by Owox.Data readers.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("owox.data.retries", "{retry}", "Requests retried after a transient failure before any row arrived.");

    public static readonly Counter<long> RateLimitWaits = Meter.CreateCounter<long>("owox.data.rate_limit.waits", "{wait}", "Waits for a rate-limit reset after a 429.");

    public static readonly Counter<long> Exchanges = Meter.CreateCounter<long>("owox.data.token.exchanges", "{exchange}", "API-key exchanges for an access token.");

    public static readonly Histogram<double> TimeToFirstRow = Meter.CreateHistogram<double>("owox.data.time_to_first_row", "s", "From ExecuteReader to the first row handed out.");

    public const string DataMartIdTag = "owox.data_mart.id";
    public const string RunIdTag = "owox.run.id";
    public const string RowsTag = "owox.rows";
    public const string BytesTag = "owox.bytes";
    public const string ServerAddressTag = "server.address";
}
