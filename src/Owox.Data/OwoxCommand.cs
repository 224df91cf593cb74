using System;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Execution;

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
    private CommandDeadline? _execution;

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

    /// <summary>
    /// <see cref="CommandType.Text"/> (default: an id, <c>report:&lt;id&gt;</c> or SQL), <see cref="CommandType.TableDirect"/>
    /// (a data-mart id), or <see cref="CommandType.StoredProcedure"/>: OWOX has no stored procedures, but Dapper chooses
    /// this type for a text without spaces, so it takes a data-mart id or <c>report:&lt;id&gt;</c>, and anything else
    /// fails when the command runs.
    /// </summary>
    public override CommandType CommandType
    {
        get => _commandType;
        set => _commandType = value is CommandType.Text or CommandType.TableDirect or CommandType.StoredProcedure
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown CommandType; use CommandType.Text (an id, report:<id> or SQL) or CommandType.TableDirect (a data-mart id).");
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

    /// <summary>
    /// Cancels the running command from any thread: a wait for the server, or the reader's stream, ends with an
    /// <see cref="OperationCanceledException"/>, no row is handed out after it, and the connection to the server is
    /// closed, which tells it to stop. Does nothing when the command is idle or its result has ended.
    /// </summary>
    public override void Cancel() => Volatile.Read(ref _execution)?.Stop(StopReason.Cancelled);

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

    /// <summary>
    /// Checks that the command can run (an open connection and a command text); the translation itself happens when it
    /// runs, because it depends on the data mart's current schema. Throws <see cref="InvalidOperationException"/> otherwise.
    /// </summary>
    public override void Prepare()
    {
        if (_connection is null && _dataSource is null)
            throw new InvalidOperationException("Prepare requires a Connection; set OwoxCommand.Connection to an open OwoxConnection.");
        _connection?.EnsureOpen(nameof(Prepare));
        if (string.IsNullOrWhiteSpace(_commandText))
            throw new InvalidOperationException("Prepare requires CommandText: a data-mart id, report:<id>, or a SELECT.");
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

    internal void ReaderClosed(OwoxDataReader reader)
    {
        if (Interlocked.CompareExchange(ref _activeReader, null, reader) == reader)
            Volatile.Write(ref _execution, null);
    }

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
        cancellationToken.ThrowIfCancellationRequested();
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

        var deadline = new CommandDeadline(CommandTimeout, cancellationToken);
        Volatile.Write(ref _execution, deadline);
        QueryExecutor.StartedResult result;
        try
        {
            result = await QueryExecutor.ExecuteAsync(connection, _commandText, _commandType, Parameters, behavior, deadline, async).ConfigureAwait(false);
        }
        catch
        {
            Interlocked.CompareExchange(ref _execution, null, deadline);
            deadline.Dispose();
            if (closeConnection)
                connection.Close();
            throw;
        }
        if (result.Stream is null)
            deadline.Dispose();
        var reader = new OwoxDataReader(this, connection, behavior, closeConnection, result);
        Volatile.Write(ref _activeReader, reader);
        connection.ReaderOpened(reader);
        return reader;
    }
}
