using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace Owox.Data.Diagnostics;

/// <summary>
/// One operation after the OpenTelemetry database client conventions (docs/telemetry.md): a client span named
/// <c>{db.operation.name} {db.collection.name}</c> with the <c>db.*</c>, <c>server.*</c> and <c>error.type</c>
/// attributes, and, when it ends, one <c>db.client.operation.duration</c> measurement with the same attributes. The
/// query text is the SQL as the caller wrote it (parameters stay markers); no key, secret, token or parameter value is
/// ever recorded. Ending it is idempotent and safe from any thread.
/// </summary>
internal sealed class OperationTelemetry : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly string _operation;
    private readonly string? _collection;
    private string? _host;
    private int _port;
    private string? _status;
    private string? _errorType;
    private int _ended;

    private OperationTelemetry(string operation, string? collection, string? queryText)
    {
        _operation = operation;
        _collection = string.IsNullOrEmpty(collection) ? null : collection;
        Activity = OwoxTelemetry.Source.StartActivity(_collection is null ? operation : operation + " " + _collection, ActivityKind.Client);
        if (Activity is null)
            return;
        Activity.SetTag(OwoxTelemetry.DbSystemNameTag, OwoxTelemetry.DbSystemName);
        Activity.SetTag(OwoxTelemetry.DbOperationNameTag, operation);
        if (_collection is not null)
            Activity.SetTag(OwoxTelemetry.DbCollectionNameTag, _collection);
        if (queryText is not null)
            Activity.SetTag(OwoxTelemetry.DbQueryTextTag, queryText);
    }

    /// <summary>The span, when something listens to <c>Owox.Data</c>.</summary>
    public Activity? Activity { get; }

    public static OperationTelemetry Start(string operation, string? collection, string? queryText = null) => new(operation, collection, queryText);

    /// <summary>Records the host and port a request went to (never the path or query, which may carry a query's values).</summary>
    public void Server(Uri uri)
    {
        _host = uri.Host;
        _port = uri.Port;
        Activity?.SetTag(OwoxTelemetry.ServerAddressTag, _host);
        Activity?.SetTag(OwoxTelemetry.ServerPortTag, _port);
    }

    /// <summary>Records the HTTP status of the last response.</summary>
    public void Status(int statusCode)
    {
        _status = statusCode.ToString(CultureInfo.InvariantCulture);
        Activity?.SetTag(OwoxTelemetry.DbResponseStatusCodeTag, _status);
    }

    /// <summary>
    /// Marks the operation failed: <c>error.type</c> is the HTTP status the server answered, else the provider's error
    /// code (<c>TIMEOUT</c>, <c>NETWORK_ERROR</c>, …), else the exception's type.
    /// </summary>
    public void Fail(Exception exception)
    {
        _errorType = exception switch
        {
            OwoxException { StatusCode: int status } => status.ToString(CultureInfo.InvariantCulture),
            OwoxException { Code: { Length: > 0 } code } => code,
            _ => exception.GetType().FullName ?? exception.GetType().Name,
        };
        if (exception is OwoxException { StatusCode: int answered })
            Status(answered);
        Activity?.SetTag(OwoxTelemetry.ErrorTypeTag, _errorType);
        Activity?.SetStatus(ActivityStatusCode.Error, _errorType);
    }

    /// <summary>The metric attributes: the span's low-cardinality attributes (no query text).</summary>
    public TagList Tags()
    {
        var tags = new TagList
        {
            { OwoxTelemetry.DbSystemNameTag, OwoxTelemetry.DbSystemName },
            { OwoxTelemetry.DbOperationNameTag, _operation },
        };
        if (_collection is not null)
            tags.Add(OwoxTelemetry.DbCollectionNameTag, _collection);
        if (_host is not null)
        {
            tags.Add(OwoxTelemetry.ServerAddressTag, _host);
            tags.Add(OwoxTelemetry.ServerPortTag, _port);
        }
        if (_status is not null)
            tags.Add(OwoxTelemetry.DbResponseStatusCodeTag, _status);
        if (_errorType is not null)
            tags.Add(OwoxTelemetry.ErrorTypeTag, _errorType);
        return tags;
    }

    /// <summary>Ends the span and records the operation's duration.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0)
            return;
        OwoxTelemetry.OperationDuration.Record((Stopwatch.GetTimestamp() - _started) / (double)Stopwatch.Frequency, Tags());
        Activity?.Dispose();
    }
}
