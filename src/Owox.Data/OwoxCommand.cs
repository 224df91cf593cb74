using System;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Diagnostics;
using Owox.Data.Http;
using Owox.Data.Query;
using Owox.Data.Schema;

namespace Owox.Data;

/// <summary>
/// A read command against OWOX Data Marts. <see cref="CommandType.TableDirect"/>: the text is a data-mart id.
/// <see cref="CommandType.Text"/>: a data-mart id, <c>report:&lt;id&gt;</c>, or a SQL subset that is pushed
/// down to the API. Executing it sends one HTTP Data request and returns a reader that streams the rows.
/// <see cref="CommandTimeout"/> bounds the wait for the response headers and each later wait for more rows.
/// </summary>
public sealed class OwoxCommand : DbCommand
{
    private readonly OwoxDataSource? _dataSource;
    private OwoxConnection? _connection;
    private string _commandText = string.Empty;
    private int? _commandTimeout;
    private CommandType _commandType = CommandType.Text;
    private OwoxDataReader? _activeReader;

    /// <summary>Creates a command with no text and no connection.</summary>
    public OwoxCommand()
    {
    }

    /// <summary>Creates a command with text and, optionally, a connection.</summary>
    public OwoxCommand(string? commandText, OwoxConnection? connection = null)
    {
        CommandText = commandText;
        _connection = connection;
    }

    internal OwoxCommand(string? commandText, OwoxDataSource dataSource)
    {
        CommandText = commandText;
        _dataSource = dataSource;
    }

    /// <summary>A data-mart id, <c>report:&lt;id&gt;</c>, or a SQL SELECT (for <see cref="CommandType.Text"/>).</summary>
    [AllowNull]
    public override string CommandText
    {
        get => _commandText;
        set => _commandText = value ?? string.Empty;
    }

    /// <summary>
    /// Seconds to wait for the server to start answering, and then for each further batch of rows (0 = no
    /// limit). Defaults to the connection's <c>Command Timeout</c> keyword (30 s). Reading a long result is not
    /// bounded as a whole, only each wait.
    /// </summary>
    public override int CommandTimeout
    {
        get => _commandTimeout ?? (_connection?.Settings ?? _dataSource?.Settings)?.CommandTimeout ?? 30;
        set => _commandTimeout = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "CommandTimeout must be 0 (no limit) or more seconds.");
    }

    /// <summary><see cref="CommandType.Text"/> (default) or <see cref="CommandType.TableDirect"/>; stored procedures do not exist in OWOX.</summary>
    public override CommandType CommandType
    {
        get => _commandType;
        set => _commandType = value is CommandType.Text or CommandType.TableDirect
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "OWOX Data Marts has no stored procedures; use CommandType.Text (an id, report:<id> or SQL) or CommandType.TableDirect (a data-mart id).");
    }

    /// <summary>Ignored: commands are never shown in designers.</summary>
    public override bool DesignTimeVisible { get; set; }

    /// <summary>Ignored: OWOX Data Marts is read-only.</summary>
    public override UpdateRowSource UpdatedRowSource { get; set; }

    /// <summary>The connection the command runs on.</summary>
    public new OwoxConnection? Connection
    {
        get => _connection;
        set => _connection = value;
    }

    /// <summary>The command's parameters, bound to <c>@name</c>, <c>:name</c> or <c>?</c> placeholders in SQL text.</summary>
    public new OwoxParameterCollection Parameters { get; } = new();

    /// <inheritdoc />
    protected override DbConnection? DbConnection
    {
        get => _connection;
        set => _connection = value switch
        {
            null => null,
            OwoxConnection owox => owox,
            _ => throw new ArgumentException($"An OwoxCommand needs an OwoxConnection, not a {value.GetType().Name}.", nameof(value)),
        };
    }

    /// <inheritdoc />
    protected override DbParameterCollection DbParameterCollection => Parameters;

    /// <summary>Always null: OWOX Data Marts has no transactions. Setting a transaction throws.</summary>
    protected override DbTransaction? DbTransaction
    {
        get => null;
        set
        {
            if (value is not null)
                throw new NotSupportedException("OWOX Data Marts has no transactions; leave Transaction null.");
        }
    }

    /// <summary>Cancels the running command: the HTTP response is disposed, which tells the server to stop. Thread-safe; does nothing when idle.</summary>
    public override void Cancel() => Volatile.Read(ref _activeReader)?.Cancel();

    /// <summary>Not supported: OWOX Data Marts is read-only; use <see cref="ExecuteReader()"/>.</summary>
    public override int ExecuteNonQuery() =>
        throw new NotSupportedException("OWOX Data Marts is read-only over the HTTP Data API: there is nothing ExecuteNonQuery could change. Use ExecuteReader or ExecuteScalar.");

    /// <summary>Not supported: OWOX Data Marts is read-only; use <see cref="DbCommand.ExecuteReaderAsync()"/>.</summary>
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        Task.FromException<int>(new NotSupportedException("OWOX Data Marts is read-only over the HTTP Data API: there is nothing ExecuteNonQuery could change. Use ExecuteReader or ExecuteScalar."));

    /// <summary>The first column of the first row (or null when there is no row); the stream is closed right after.</summary>
    public override object? ExecuteScalar() => ExecuteScalarAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>The first column of the first row (or null when there is no row); the stream is closed right after.</summary>
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        ExecuteScalarAsync(async: true, cancellationToken).AsTask();

    /// <summary>Does nothing: a command is translated when it runs, because the translation depends on the data mart's current schema.</summary>
    public override void Prepare()
    {
    }

    /// <summary>Runs the command and returns a reader that streams its rows.</summary>
    public new OwoxDataReader ExecuteReader() => ExecuteReader(CommandBehavior.Default);

    /// <summary>Runs the command with <paramref name="behavior"/> and returns a reader that streams its rows.</summary>
    public new OwoxDataReader ExecuteReader(CommandBehavior behavior) =>
        ExecuteReaderAsync(behavior, async: false, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Runs the command asynchronously and returns a reader that streams its rows.</summary>
    public new Task<OwoxDataReader> ExecuteReaderAsync() => ExecuteReaderAsync(CommandBehavior.Default, CancellationToken.None);

    /// <summary>Runs the command asynchronously and returns a reader that streams its rows.</summary>
    public new Task<OwoxDataReader> ExecuteReaderAsync(CancellationToken cancellationToken) =>
        ExecuteReaderAsync(CommandBehavior.Default, cancellationToken);

    /// <summary>Runs the command asynchronously with <paramref name="behavior"/> and returns a reader that streams its rows.</summary>
    public new Task<OwoxDataReader> ExecuteReaderAsync(CommandBehavior behavior) => ExecuteReaderAsync(behavior, CancellationToken.None);

    /// <summary>Runs the command asynchronously with <paramref name="behavior"/> and returns a reader that streams its rows.</summary>
    public new Task<OwoxDataReader> ExecuteReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        ExecuteReaderAsync(behavior, async: true, cancellationToken).AsTask();

    /// <summary>Creates an <see cref="OwoxParameter"/>.</summary>
    [SuppressMessage("Performance", "CA1822", Justification = "Hides DbCommand.CreateParameter with the provider's own type.")]
    public new OwoxParameter CreateParameter() => new();

    /// <inheritdoc />
    protected override DbParameter CreateDbParameter() => CreateParameter();

    /// <inheritdoc />
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => ExecuteReader(behavior);

    /// <inheritdoc />
    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        await ExecuteReaderAsync(behavior, async: true, cancellationToken).ConfigureAwait(false);

    internal void ReaderClosed(OwoxDataReader reader) => Interlocked.CompareExchange(ref _activeReader, null, reader);

    private async ValueTask<object?> ExecuteScalarAsync(bool async, CancellationToken cancellationToken)
    {
        var reader = await ExecuteReaderAsync(CommandBehavior.SingleRow, async, cancellationToken).ConfigureAwait(false);
        try
        {
            var hasRow = async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read();
            return hasRow && reader.FieldCount > 0 ? reader.GetValue(0) : null;
        }
        finally
        {
            reader.Dispose();
        }
    }

    private async ValueTask<OwoxDataReader> ExecuteReaderAsync(CommandBehavior behavior, bool async, CancellationToken cancellationToken)
    {
        var connection = _connection;
        var closeConnection = (behavior & CommandBehavior.CloseConnection) != 0;
        if (connection is null && _dataSource is not null)
        {
            connection = _dataSource.CreateConnection();
            if (async)
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            else
                connection.Open();
            closeConnection = true;
        }
        if (connection is null)
            throw new InvalidOperationException("ExecuteReader requires a Connection; set OwoxCommand.Connection to an open OwoxConnection.");
        connection.EnsureOpen("ExecuteReader");
        if (string.IsNullOrWhiteSpace(_commandText))
            throw new InvalidOperationException("ExecuteReader requires CommandText: a data-mart id, report:<id>, or a SELECT.");
        if (Volatile.Read(ref _activeReader) is { IsClosed: false })
            throw new InvalidOperationException("This command already has an open reader; close it before executing the command again.");

        var dataSource = connection.OpenDataSource;
        var parsed = CommandTextParser.Parse(_commandText, _commandType);
        var id = parsed.IsSql && parsed.Target == QueryTarget.DataMart
            ? await ResolveDataMartIdAsync(dataSource, parsed.Source, async, cancellationToken).ConfigureAwait(false)
            : parsed.Source;

        DataMartSchema? schema = null;
        ReportDefinition? report = null;
        if (connection.Settings.SchemaSource == OwoxSchemaSource.Metadata)
        {
            if (parsed.Target == QueryTarget.Report)
                report = await dataSource.GetReportAsync(id, async, cancellationToken).ConfigureAwait(false);
            if (parsed.Target == QueryTarget.DataMart || report is not null)
                schema = await dataSource.GetSchemaAsync(report?.DataMartId ?? id, async, cancellationToken).ConfigureAwait(false);
        }

        var query = parsed.Bind(parsed.Target == QueryTarget.Report ? id : schema?.Id ?? id, Parameters.Items, schema is null ? null : new SchemaColumnCatalog(schema));
        var columns = schema is null ? null
            : report is not null ? ResultColumnResolver.Resolve(report.ToQuery(schema), schema)
            : ResultColumnResolver.Resolve(query, schema);
        var reconcile = report is not null || query.Projection is null;

        if ((behavior & CommandBehavior.SchemaOnly) != 0 && columns is not null)
            return Track(OwoxDataReader.SchemaOnly(this, connection, columns, query.Id, closeConnection));
        if ((behavior & (CommandBehavior.SingleRow | CommandBehavior.SchemaOnly)) != 0)
            query.Limit = 1;

        var timeout = CommandTimeout;
        var reader = new OwoxDataReader(this, connection, query.Id, behavior, closeConnection, timeout, cancellationToken);
        Track(reader);
        try
        {
            var started = Stopwatch.StartNew();
            var context = new RequestContext($"Streaming {(query.Target == QueryTarget.Report ? "report" : "data mart")} '{query.Id}'", query.Id);
            var path = "/" + QueryStringEncoder.Encode(query);
            var token = reader.BeginWait(cancellationToken);
            HttpResponseMessage response;
            try
            {
                response = await dataSource.Api.SendAsync(
                    accessToken =>
                    {
                        var request = new HttpRequestMessage(HttpMethod.Get, accessToken!.Origin + path);
                        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
                        return request;
                    },
                    dataSource.Tokens, context, async, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e)
            {
                throw reader.TranslateCancellation(e, "waiting for the server to start streaming", cancellationToken);
            }
            catch (OwoxException e) when (e.StatusCode == 400 && parsed.IsSql)
            {
                throw WithSql(e);
            }
            finally
            {
                reader.EndWait();
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!string.Equals(mediaType, "application/x-ndjson", StringComparison.OrdinalIgnoreCase))
            {
                response.Dispose();
                throw new OwoxException(
                    $"{context.Operation} failed: the server answered 200 with content type '{mediaType ?? "none"}' instead of application/x-ndjson — " +
                    "probably a proxy or login page, not the OWOX API. Check the origin inside the key or the 'Api Origin' keyword.",
                    null, 200, null, null, isTransient: false)
                { DataMartId = query.Id, RequestId = context.RequestId };
            }

            var runId = response.Headers.TryGetValues("x-owox-run-id", out var values) ? string.Join(",", values) : null;
            OwoxLog.StreamStarted(dataSource.Logger, query.Id, runId, started.ElapsedMilliseconds);
            await reader.StartAsync(response, runId, columns, reconcile, async, query.Projection).ConfigureAwait(false);
            if ((behavior & CommandBehavior.SchemaOnly) != 0)
                reader.StopStreaming();
            return reader;
        }
        catch (Exception e)
        {
            reader.RecordFailure(e);
            reader.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The FROM target of a SELECT is a data-mart id or, quoted, its title: an id the server knows is used as is;
    /// otherwise the one data mart whose title matches (exactly, then ignoring case) is used.
    /// </summary>
    private static async ValueTask<string> ResolveDataMartIdAsync(OwoxDataSource dataSource, string source, bool async, CancellationToken cancellationToken)
    {
        try
        {
            await dataSource.GetSchemaAsync(source, async, cancellationToken).ConfigureAwait(false);
            return source;
        }
        catch (OwoxException e) when (e.StatusCode == 404)
        {
            var marts = await dataSource.ListDataMartsAsync(async, cancellationToken).ConfigureAwait(false);
            var exact = marts.Where(m => string.Equals(m.Title, source, StringComparison.Ordinal)).ToList();
            var matches = exact.Count > 0 ? exact : marts.Where(m => string.Equals(m.Title, source, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1)
                return matches[0].Id;
            if (matches.Count > 1)
            {
                throw new OwoxException(
                    $"FROM \"{source}\" matches {matches.Count} data marts by title ({string.Join(", ", matches.Select(m => m.Id))}); use the data mart's id instead.");
            }
            throw;
        }
    }

    /// <summary>A server refusal of a translated SELECT, with the SQL it was translated from (the server only sees API parameters).</summary>
    private OwoxException WithSql(OwoxException e)
    {
        var sql = _commandText.Trim();
        if (sql.Length > 300)
            sql = sql.Substring(0, 300) + "…";
        return new OwoxException($"{e.Message} The request was translated from: {sql}", e, e.StatusCode, e.Code, e.Details, e.IsTransient)
        {
            DataMartId = e.DataMartId,
            RequestId = e.RequestId,
        };
    }

    private OwoxDataReader Track(OwoxDataReader reader)
    {
        Volatile.Write(ref _activeReader, reader);
        return reader;
    }
}
