using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Owox.Data.Diagnostics;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/> named <c>Owox.Data</c> (docs/telemetry.md): a client span
/// per request after the OpenTelemetry database conventions (<see cref="OperationTelemetry"/>; a stream's span also
/// carries run id, rows and bytes), the <c>db.client.operation.duration</c> histogram, counters for rows, bytes,
/// retries, rate-limit waits and exchanges with the operation's attributes, and a histogram of time to first row.
/// Nothing recorded here carries a key, secret, token or parameter value.
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

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "db.client.operation.duration", "s", "Duration of an Owox.Data request: a metadata read, a key exchange, or a stream until its reader ends.");

    public static readonly Histogram<double> TimeToFirstRow = Meter.CreateHistogram<double>("owox.data.time_to_first_row", "s", "From ExecuteReader to the first row handed out.");

    /// <summary>The <c>db.system.name</c> of OWOX Data Marts (not in the conventions' registry, so named after the product).</summary>
    public const string DbSystemName = "owox_data_marts";

    public const string DbSystemNameTag = "db.system.name";
    public const string DbOperationNameTag = "db.operation.name";
    public const string DbCollectionNameTag = "db.collection.name";
    public const string DbQueryTextTag = "db.query.text";
    public const string DbResponseStatusCodeTag = "db.response.status_code";
    public const string ErrorTypeTag = "error.type";
    public const string ServerAddressTag = "server.address";
    public const string ServerPortTag = "server.port";
    public const string RunIdTag = "owox.run.id";
    public const string RowsTag = "owox.rows";
    public const string BytesTag = "owox.bytes";

    /// <summary>The <c>db.operation.name</c> values: one per kind of request Owox.Data sends.</summary>
    public const string StreamDataMart = "stream_data_mart";
    public const string StreamReport = "stream_report";
    public const string GetDataMart = "get_data_mart";
    public const string ListDataMarts = "list_data_marts";
    public const string GetReport = "get_report";
    public const string ListReports = "list_reports";
    public const string GetReportOutputSchema = "get_report_output_schema";
    public const string ExchangeApiKey = "exchange_api_key";
    public const string GetRun = "get_data_mart_run";
}
