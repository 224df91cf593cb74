using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Diagnostics;
using Owox.Data.Reading;
using Owox.Data.Schema;
using Owox.Data.Types;

namespace Owox.Data;

/// <summary>
/// A forward-only reader over one streamed HTTP Data response: rows are parsed while the body is still
/// arriving, each value decoded only when a getter asks for it. Column names and types come from the data
/// mart's schema (known before the first row, also for an empty result) or, without one, from the first rows.
/// A body that ends without the chunked terminator — the server failed mid-stream — makes <see cref="Read"/>
/// throw an <see cref="OwoxException"/> saying how many rows arrived; it never looks like the end of data.
/// Disposing the reader (or cancelling its command) closes the response, which tells the server to stop.
/// </summary>
[SuppressMessage("Design", "CA1010", Justification = "DbDataReader's enumerable shape is fixed by ADO.NET.")]
public sealed class OwoxDataReader : DbDataReader, IDbColumnSchemaGenerator
{
    /// <summary>The longest NDJSON row accepted; a longer one fails the read instead of exhausting memory.</summary>
    internal const int MaxRowBytes = 64 * 1024 * 1024;

    private static readonly Task<bool> TrueTask = Task.FromResult(true);
    private static readonly Task<bool> FalseTask = Task.FromResult(false);

    private readonly OwoxCommand _command;
    private readonly OwoxConnection _connection;
    private readonly CommandBehavior _behavior;
    private readonly bool _closeConnection;
    private readonly int _timeoutSeconds;
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationToken _executeToken;
    private CancellationTokenSource? _timeout;
    private CancellationTokenSource? _waitSource;
    private ResultColumn[] _columns = [];
    private Dictionary<string, int>? _ordinals;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private NdjsonLineReader? _lines;
    private RowTokenizer? _tokenizer;
    private long _rows;
    private bool _onRow;
    private bool _peeked;
    private bool _ended;
    private bool _closed;
    private int _bytesRow = -1;
    private int _bytesOrdinal = -1;
    private byte[]? _bytes;
    private string? _chars;
    private readonly System.Diagnostics.Activity? _activity;
    private long _bytesBeforeRelease;
    private readonly System.Diagnostics.Stopwatch _sinceExecute = System.Diagnostics.Stopwatch.StartNew();

    internal OwoxDataReader(OwoxCommand command, OwoxConnection connection, string dataMartId, CommandBehavior behavior, bool closeConnection, int timeoutSeconds, CancellationToken executeToken)
    {
        _command = command;
        _connection = connection;
        DataMartId = dataMartId;
        _behavior = behavior;
        _closeConnection = closeConnection;
        _timeoutSeconds = timeoutSeconds;
        _executeToken = executeToken;
        if (behavior != CommandBehavior.SchemaOnly)
        {
            _activity = OwoxTelemetry.Source.StartActivity("owox.query", System.Diagnostics.ActivityKind.Client);
            _activity?.SetTag(OwoxTelemetry.DataMartIdTag, dataMartId);
        }
    }

    /// <summary>The <c>x-owox-run-id</c> of the run the server recorded for this stream (null for schema-only readers).</summary>
    public string? RunId { get; private set; }

    /// <summary>The data mart (or report) this reader streams.</summary>
    public string DataMartId { get; }

    /// <summary>Rows handed out so far.</summary>
    public long RowsRead => _rows;

    /// <summary>Bytes of the response body received so far.</summary>
    public long BytesRead => (_lines?.BytesRead ?? 0) + _bytesBeforeRelease;

    /// <summary>The number of columns; known before the first row.</summary>
    public override int FieldCount => _columns.Length;

    /// <summary>Always 0: rows are flat.</summary>
    public override int Depth => 0;

    /// <summary>True once the reader has been closed or disposed.</summary>
    public override bool IsClosed => _closed;

    /// <summary>Always -1: OWOX commands only read.</summary>
    public override int RecordsAffected => -1;

    /// <summary>True when the result has at least one row (peeks at the stream if no row was read yet).</summary>
    public override bool HasRows
    {
        get
        {
            EnsureNotClosed(nameof(HasRows));
            if (_rows > 0 || _peeked)
                return true;
            if (_ended)
                return false;
            _peeked = TryAdvanceBuffered(out var buffered) ? buffered : ReadFromBodyAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();
            if (_peeked)
                _rows--;
            _onRow = false;
            return _peeked;
        }
    }

    /// <summary>The value of column <paramref name="ordinal"/> (see <see cref="GetValue"/>).</summary>
    public override object this[int ordinal] => GetValue(ordinal);

    /// <summary>The value of the column named <paramref name="name"/> (see <see cref="GetOrdinal"/>).</summary>
    public override object this[string name] => GetValue(GetOrdinal(name));

    /// <summary>Advances to the next row; false at the end of the result. Throws <see cref="OwoxException"/> if the stream was cut.</summary>
    public override bool Read()
    {
        EnsureNotClosed(nameof(Read));
        if (TryAdvanceBuffered(out var result))
            return result;
        return ReadFromBodyAsync(async: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Advances to the next row asynchronously; see <see cref="Read"/>.</summary>
    public override Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        EnsureNotClosed(nameof(ReadAsync));
        if (TryAdvanceBuffered(out var result))
            return result ? TrueTask : FalseTask;
        var pending = ReadFromBodyAsync(async: true, cancellationToken);
        if (pending.IsCompletedSuccessfully)
            return pending.Result ? TrueTask : FalseTask;
        return pending.AsTask();
    }

    /// <summary>Always false: a command returns one result.</summary>
    public override bool NextResult()
    {
        EnsureNotClosed(nameof(NextResult));
        Close();
        return false;
    }

    /// <summary>The column's name: the SQL alias, or the data-mart column name.</summary>
    public override string GetName(int ordinal) => Column(ordinal).Name;

    /// <summary>The ordinal of the column named <paramref name="name"/>: exact match first, then ignoring case.</summary>
    [SuppressMessage("Usage", "CA2201", Justification = "ADO.NET specifies IndexOutOfRangeException for unknown names and ordinals.")]
    public override int GetOrdinal(string name)
    {
        if (name is null)
            throw new ArgumentNullException(nameof(name));
        if (_ordinals is null)
        {
            var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = _columns.Length - 1; i >= 0; i--)
                ordinals[_columns[i].Name] = i;
            _ordinals = ordinals;
        }
        if (_ordinals.TryGetValue(name, out var ordinal))
            return ordinal;
        for (var i = 0; i < _columns.Length; i++)
        {
            if (string.Equals(_columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        throw new IndexOutOfRangeException($"The result has no column named '{name}'. Its columns are: {string.Join(", ", Array.ConvertAll(_columns, c => c.Name))}.");
    }

    /// <summary>The storage type name from the data mart's schema, e.g. <c>NUMERIC</c>, <c>TIMESTAMP</c>.</summary>
    public override string GetDataTypeName(int ordinal) => Column(ordinal).TypeName;

    /// <summary>The CLR type of the column's values; equals <c>GetValue(i).GetType()</c> for every non-null value.</summary>
#if NET5_0_OR_GREATER
    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.PublicProperties)]
#endif
    public override Type GetFieldType(int ordinal) => Column(ordinal).FieldType;

    /// <summary>Same as <see cref="GetFieldType"/>: there are no provider-specific types.</summary>
#if NET5_0_OR_GREATER
    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.PublicProperties)]
#endif
    public override Type GetProviderSpecificFieldType(int ordinal) => GetFieldType(ordinal);

    /// <summary>The value as its column's CLR type, or <see cref="DBNull.Value"/> for NULL (and for keys the server omitted).</summary>
    public override object GetValue(int ordinal)
    {
        var column = Column(ordinal);
        EnsureOnRow();
        if (!_tokenizer!.TryGetValue(_lines!.Line, ordinal, out var raw))
            return DBNull.Value;
        try
        {
            return ValueConverter.ToObject(column.Kind, raw);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            throw ConversionFailed(ordinal, column.FieldType, e);
        }
    }

    /// <summary>Same as <see cref="GetValue"/>.</summary>
    public override object GetProviderSpecificValue(int ordinal) => GetValue(ordinal);

    /// <summary>Copies the current row's values into <paramref name="values"/>; returns how many were copied.</summary>
    public override int GetValues(object[] values)
    {
        if (values is null)
            throw new ArgumentNullException(nameof(values));
        var count = Math.Min(values.Length, _columns.Length);
        for (var i = 0; i < count; i++)
            values[i] = GetValue(i);
        return count;
    }

    /// <summary>True when the value is NULL (or its key was absent from the row).</summary>
    public override bool IsDBNull(int ordinal)
    {
        Column(ordinal);
        EnsureOnRow();
        return _tokenizer!.IsNull(ordinal);
    }

    /// <summary>Same as <see cref="IsDBNull"/>; the row is already in memory.</summary>
    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested ? Task.FromCanceled<bool>(cancellationToken) : (IsDBNull(ordinal) ? TrueTask : FalseTask);

    /// <summary>
    /// The value converted to <typeparamref name="T"/>: the column's own type, any integer width (overflow-checked),
    /// <see cref="decimal"/>/<see cref="double"/>/<see cref="float"/>/<see cref="System.Numerics.BigInteger"/>/<see cref="string"/>
    /// for numbers, <see cref="DateTime"/>/<see cref="DateTimeOffset"/>/<c>DateOnly</c>/<c>TimeOnly</c>/<see cref="TimeSpan"/>
    /// for dates and times, <see cref="Guid"/>, <see cref="JsonElement"/>/<see cref="JsonDocument"/> for nested values,
    /// <see cref="string"/> for every column, and <see cref="Nullable{T}"/> of those (null for NULL). Anything else, or
    /// a NULL read as a non-nullable type, throws <see cref="InvalidCastException"/> naming the column.
    /// </summary>
    public override T GetFieldValue<T>(int ordinal)
    {
        var column = Column(ordinal);
        EnsureOnRow();
        if (!_tokenizer!.TryGetValue(_lines!.Line, ordinal, out var raw))
        {
            if (typeof(T) == typeof(object) || typeof(T) == typeof(DBNull))
                return (T)(object)DBNull.Value;
            if (NullableConverter.IsNullable<T>())
                return default!;
            throw new InvalidCastException($"Column '{column.Name}' is NULL in this row; check IsDBNull first, or read it as a nullable type such as {typeof(T).Name}?.");
        }
        try
        {
            return NullableConverter.IsNullable<T>() ? NullableConverter.To<T>(column.Kind, raw) : ValueConverter.To<T>(column.Kind, raw);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            throw ConversionFailed(ordinal, typeof(T), e);
        }
    }

    /// <summary>The fast path of the typed getters: the column's own type, parsed straight from the row's bytes.</summary>
    private TValue Natural<TValue, TParser>(int ordinal)
        where TParser : struct, INaturalParser<TValue>
    {
        EnsureOnRow();
        if (!_tokenizer!.TryGetValue(_lines!.Line, ordinal, out var raw))
            return GetFieldValue<TValue>(ordinal);
        try
        {
            return default(TParser).Parse(raw);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            throw ConversionFailed(ordinal, typeof(TValue), e);
        }
    }

    /// <summary>Same as <see cref="GetFieldValue{T}"/>; the row is already in memory.</summary>
    public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
            return Task.FromCanceled<T>(cancellationToken);
        try
        {
            return Task.FromResult(GetFieldValue<T>(ordinal));
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    /// <summary>The value as a <see cref="bool"/>.</summary>
    public override bool GetBoolean(int ordinal) =>
        Column(ordinal).Kind == OwoxValueKind.Boolean ? Natural<bool, BooleanParser>(ordinal) : GetFieldValue<bool>(ordinal);

    /// <summary>The value as a <see cref="byte"/> (overflow-checked).</summary>
    public override byte GetByte(int ordinal) => GetFieldValue<byte>(ordinal);

    /// <summary>The value as a <see cref="char"/> (a one-character string).</summary>
    public override char GetChar(int ordinal) => GetFieldValue<char>(ordinal);

    /// <summary>The value as a <see cref="DateTime"/> (Kind=Utc for timestamps with a zone, Unspecified otherwise).</summary>
    public override DateTime GetDateTime(int ordinal) => Column(ordinal).Kind switch
    {
        OwoxValueKind.Date => Natural<DateTime, DateParser>(ordinal),
        OwoxValueKind.TimestampUtc => Natural<DateTime, TimestampUtcParser>(ordinal),
        OwoxValueKind.DateTime => Natural<DateTime, DateTimeParser>(ordinal),
        _ => GetFieldValue<DateTime>(ordinal),
    };

    /// <summary>The value as a <see cref="decimal"/>.</summary>
    public override decimal GetDecimal(int ordinal) =>
        Column(ordinal).Kind == OwoxValueKind.Decimal ? Natural<decimal, DecimalParser>(ordinal) : GetFieldValue<decimal>(ordinal);

    /// <summary>The value as a <see cref="double"/>.</summary>
    public override double GetDouble(int ordinal) =>
        Column(ordinal).Kind == OwoxValueKind.Double ? Natural<double, DoubleParser>(ordinal) : GetFieldValue<double>(ordinal);

    /// <summary>The value as a <see cref="float"/>.</summary>
    public override float GetFloat(int ordinal) => GetFieldValue<float>(ordinal);

    /// <summary>The value as a <see cref="Guid"/> (from a UUID string).</summary>
    public override Guid GetGuid(int ordinal) => GetFieldValue<Guid>(ordinal);

    /// <summary>The value as a <see cref="short"/> (overflow-checked).</summary>
    public override short GetInt16(int ordinal) => GetFieldValue<short>(ordinal);

    /// <summary>The value as an <see cref="int"/> (overflow-checked).</summary>
    public override int GetInt32(int ordinal) => GetFieldValue<int>(ordinal);

    /// <summary>The value as a <see cref="long"/>.</summary>
    public override long GetInt64(int ordinal) =>
        Column(ordinal).Kind == OwoxValueKind.Int64 ? Natural<long, Int64Parser>(ordinal) : GetFieldValue<long>(ordinal);

    /// <summary>The value as a <see cref="string"/> (any column: numbers and dates as the server sent them, nested values as JSON).</summary>
    public override string GetString(int ordinal)
    {
        Column(ordinal);
        return Natural<string, TextParser>(ordinal);
    }

    /// <summary>
    /// Copies bytes of a BYTES column into <paramref name="buffer"/> from <paramref name="dataOffset"/>; with a null
    /// buffer, returns the value's total length. Returns the number of bytes copied.
    /// </summary>
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = CachedBytes(ordinal);
        if (buffer is null)
            return bytes.Length;
        return CopyRange(bytes, dataOffset, buffer, bufferOffset, length);
    }

    /// <summary>
    /// Copies characters of the value's text into <paramref name="buffer"/> from <paramref name="dataOffset"/>; with a
    /// null buffer, returns the text's total length. Returns the number of characters copied.
    /// </summary>
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = CachedChars(ordinal);
        if (buffer is null)
            return text.Length;
        if (dataOffset < 0 || dataOffset > text.Length)
            throw new ArgumentOutOfRangeException(nameof(dataOffset), dataOffset, $"dataOffset must be between 0 and the value's length ({text.Length}).");
        if (bufferOffset < 0 || length < 0 || bufferOffset + length > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(length), length, "bufferOffset and length must lie inside the buffer.");
        var count = (int)Math.Min(length, text.Length - dataOffset);
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    /// <summary>A read-only stream over a BYTES value.</summary>
    public override Stream GetStream(int ordinal) => new MemoryStream(CachedBytes(ordinal), writable: false);

    /// <summary>A reader over the value's text.</summary>
    public override TextReader GetTextReader(int ordinal) => new StringReader(CachedChars(ordinal));

    /// <summary>Enumerates the rows as <see cref="IDataRecord"/>s.</summary>
    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);

    /// <summary>
    /// The schema table in SqlClient's column order. Every column allows NULL, nothing is a key, unique,
    /// auto-increment or read-only (so <c>DataTable.Load</c> never adds a constraint the data could break);
    /// <c>BaseTableName</c> is the data-mart id and <c>DataTypeName</c> the storage type.
    /// </summary>
    public override DataTable GetSchemaTable() => SchemaTableBuilder.Build(GetColumnSchema());

    /// <summary>The columns as <see cref="OwoxDbColumn"/>s.</summary>
    public ReadOnlyCollection<DbColumn> GetColumnSchema()
    {
        var columns = new DbColumn[_columns.Length];
        for (var i = 0; i < columns.Length; i++)
            columns[i] = new OwoxDbColumn(_columns[i], i, DataMartId);
        return new ReadOnlyCollection<DbColumn>(columns);
    }

    /// <summary>Closes the response (the server stops streaming) and, for <see cref="CommandBehavior.CloseConnection"/>, the connection.</summary>
    public override void Close()
    {
        if (_closed)
            return;
        _closed = true;
        _onRow = false;
        if (!_ended && _response is not null)
            OwoxLog.StreamEnded(Logger, DataMartId, RunId, _rows, BytesRead);
        RecordTelemetry();
        ReleaseStream();
        _timeout?.Dispose();
        _cancel.Dispose();
        _command.ReaderClosed(this);
        if (_closeConnection)
            _connection.Close();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Close();
        base.Dispose(disposing);
    }

    internal static OwoxDataReader SchemaOnly(OwoxCommand command, OwoxConnection connection, ResultColumn[] columns, string dataMartId, bool closeConnection)
    {
        var reader = new OwoxDataReader(command, connection, dataMartId, CommandBehavior.SchemaOnly, closeConnection, 0, CancellationToken.None)
        {
            _columns = columns,
            _ended = true,
        };
        return reader;
    }

    internal void Cancel()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The reader closed meanwhile: nothing left to cancel.
        }
    }

    /// <summary>Starts a bounded wait on the server: arms the command timeout and returns the token to wait with.</summary>
    internal CancellationToken BeginWait(CancellationToken callerToken = default)
    {
        _timeout ??= CreateTimeoutSource();
        if (_timeoutSeconds > 0)
            _timeout.CancelAfter(TimeSpan.FromSeconds(_timeoutSeconds));
        _waitSource?.Dispose();
        _waitSource = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token, _cancel.Token, _executeToken, callerToken);
        return _waitSource.Token;
    }

    internal void EndWait()
    {
        if (_timeoutSeconds > 0 && _timeout is not null && !_timeout.IsCancellationRequested)
            _timeout.CancelAfter(Timeout.InfiniteTimeSpan);
    }

    /// <summary>A cancellation seen while waiting on the server: a timeout becomes an <see cref="OwoxException"/>, anything else stays a cancellation.</summary>
    internal Exception TranslateCancellation(Exception e, string activity, CancellationToken callerToken = default)
    {
        if (_timeout?.IsCancellationRequested == true && !_cancel.IsCancellationRequested && !_executeToken.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            return new OwoxException(
                $"The command on data mart '{DataMartId}' timed out after {_timeoutSeconds} s {activity} ({_rows} rows read{(RunId is null ? string.Empty : ", run id " + RunId)}). " +
                "Raise CommandTimeout (or the 'Command Timeout' keyword; 0 = no limit) for slow warehouses.",
                e, null, "TIMEOUT", null, isTransient: _rows == 0)
            { DataMartId = DataMartId, RunId = RunId, RowsRead = _rows };
        }
        var token = callerToken.IsCancellationRequested ? callerToken : _executeToken.IsCancellationRequested ? _executeToken : _cancel.Token;
        return e as OperationCanceledException ?? new OperationCanceledException($"The command on data mart '{DataMartId}' was cancelled.", e, token);
    }

    /// <summary>
    /// Takes over the response: with no <paramref name="columns"/> they are inferred from the first rows; with
    /// <paramref name="reconcile"/>, keys in the first rows that the columns lack are appended (never dropped).
    /// Inferred columns of a SELECT with a <paramref name="projection"/> take its output names and order.
    /// </summary>
    internal async ValueTask StartAsync(HttpResponseMessage response, string? runId, ResultColumn[]? columns, bool reconcile, bool async, IReadOnlyList<Query.OutputColumn>? projection = null)
    {
        _response = response;
        RunId = runId;
        var token = BeginWait();
        try
        {
            _body = await Http.HttpStreams.ReadContentAsync(response.Content, async, token).ConfigureAwait(false);
#if NET8_0_OR_GREATER
            _body = new ReadAheadStream(_body);
#endif
            _lines = new NdjsonLineReader(_body, MaxRowBytes);
            if (columns is null)
            {
                await _lines.BufferLinesAsync(SchemaInference.WindowRows, async, token).ConfigureAwait(false);
                columns = SchemaInference.Infer(_lines.Buffered, _lines.EndOfStream);
                if (projection is not null)
                    columns = SchemaInference.ForProjection(projection, columns);
            }
            else if (reconcile)
            {
                await _lines.BufferLinesAsync(1, async, token).ConfigureAwait(false);
                columns = SchemaInference.WithUnexpectedKeys(columns, _lines.Buffered, _lines.EndOfStream);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException or LineTooLongException)
        {
            throw StreamFailure(e, token);
        }
        finally
        {
            EndWait();
        }
        _columns = columns;
        _tokenizer = new RowTokenizer(columns);
    }

    /// <summary>Ends the stream after its columns are known (schema-only with inferred columns).</summary>
    internal void StopStreaming()
    {
        ReleaseStream();
        _ended = true;
    }

    private CancellationTokenSource CreateTimeoutSource()
    {
        var source = new CancellationTokenSource();
        // Synchronous stream reads cannot observe a token: disposing the response is what aborts them.
        source.Token.Register(static state => ((OwoxDataReader)state!).AbortResponse(), this);
        _cancel.Token.Register(static state => ((OwoxDataReader)state!).AbortResponse(), this);
        return source;
    }

    private void AbortResponse() => _response?.Dispose();

    /// <summary>
    /// Advances without I/O — to the row <see cref="HasRows"/> peeked at, past the end, or to a line already buffered
    /// (nearly every row): true with the outcome in <paramref name="result"/>; false when bytes must be read first.
    /// </summary>
    private bool TryAdvanceBuffered(out bool result)
    {
        _onRow = false;
        result = false;
        if (_peeked)
        {
            _peeked = false;
            _rows++;
            _onRow = true;
            result = true;
            return true;
        }
        if (_ended)
            return true;
        if ((_behavior & CommandBehavior.SingleRow) != 0 && _rows >= 1)
        {
            Finish();
            return true;
        }
        if (!_lines!.TryReadBufferedLine())
            return false;
        result = OnLine();
        return true;
    }

    /// <summary>Reads more of the body for the next row; called when <see cref="TryAdvanceBuffered"/> found none buffered.</summary>
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<bool> ReadFromBodyAsync(bool async, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = BeginWait(cancellationToken);
        bool hasLine;
        try
        {
            hasLine = await _lines!.ReadLineAsync(async, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException or LineTooLongException)
        {
            throw StreamFailure(e, cancellationToken);
        }
        finally
        {
            EndWait();
        }

        if (!hasLine)
        {
            Finish();
            return false;
        }
        return OnLine();
    }

    /// <summary>Tokenises the line just read as the current row.</summary>
    private bool OnLine()
    {
        var lines = _lines!;
        try
        {
            _tokenizer!.Tokenize(lines.Line);
        }
        catch (JsonException e)
        {
            var failure = Malformed(e, lines.Line);
            ReleaseStream();
            _ended = true;
            throw failure;
        }
        if (++_rows == 1)
            OwoxTelemetry.TimeToFirstRow.Record(_sinceExecute.Elapsed.TotalSeconds);
        _onRow = true;
        return true;
    }

    private Microsoft.Extensions.Logging.ILogger Logger =>
        _connection.OpenDataSourceOrNull?.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Marks the command's span as failed (the exception is thrown to the caller separately).</summary>
    internal void RecordFailure(Exception exception) =>
        _activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, (exception as OwoxException)?.Code ?? exception.GetType().Name);

    private void RecordTelemetry()
    {
        var bytes = BytesRead;
        OwoxTelemetry.Rows.Add(_rows);
        OwoxTelemetry.Bytes.Add(bytes);
        if (_activity is not null)
        {
            _activity.SetTag(OwoxTelemetry.RunIdTag, RunId);
            _activity.SetTag(OwoxTelemetry.RowsTag, _rows);
            _activity.SetTag(OwoxTelemetry.BytesTag, bytes);
            _activity.Dispose();
        }
    }

    private void Finish()
    {
        if (!_ended)
        {
            _ended = true;
            OwoxLog.StreamEnded(Logger, DataMartId, RunId, _rows, BytesRead);
        }
        ReleaseStream();
    }

    private Exception StreamFailure(Exception e, CancellationToken callerToken)
    {
        _ended = true;
        ReleaseStream();
        if (_cancel.IsCancellationRequested || _executeToken.IsCancellationRequested || callerToken.IsCancellationRequested || _timeout?.IsCancellationRequested == true)
            return TranslateCancellation(e, "waiting for more rows", callerToken);
        if (e is LineTooLongException tooLong)
        {
            return new OwoxException(
                $"Row {_rows + 1} of data mart '{DataMartId}' is longer than {tooLong.MaxLineBytes / (1024 * 1024)} MiB, the most Owox.Data accepts for one row" +
                $"{(RunId is null ? string.Empty : " (run id " + RunId + ")")}; select fewer or smaller columns.",
                e, null, "ROW_TOO_LARGE", null, isTransient: false)
            { DataMartId = DataMartId, RunId = RunId, RowsRead = _rows };
        }
        var failure = new OwoxException(
            $"The stream of data mart '{DataMartId}' ended early after {_rows} rows{(RunId is null ? string.Empty : " (run id " + RunId + ")")}: " +
            "the server or the network closed the connection before the response was complete, so these rows are not the whole result. " +
            "Run the command again (it re-runs the query); the run's record in OWOX shows the server-side reason.",
            e, null, "STREAM_TRUNCATED", null, isTransient: _rows == 0)
        { DataMartId = DataMartId, RunId = RunId, RowsRead = _rows };
        OwoxLog.StreamFailed(Logger, failure, DataMartId, RunId, _rows);
        RecordFailure(failure);
        return failure;
    }

    private OwoxException Malformed(JsonException e, ReadOnlySpan<byte> line)
    {
        var preview = RawValue.Utf8(line.Slice(0, Math.Min(line.Length, 200)));
        return new OwoxException(
            $"Row {_rows + 1} of data mart '{DataMartId}'{(RunId is null ? string.Empty : " (run id " + RunId + ")")} is not a valid NDJSON object ({e.Message}) — " +
            $"the response is corrupt or not from an OWOX server. It starts with: {preview}",
            e, null, "MALFORMED_NDJSON", null, isTransient: false)
        { DataMartId = DataMartId, RunId = RunId, RowsRead = _rows };
    }

    private void ReleaseStream()
    {
        _bytesBeforeRelease += _lines?.BytesRead ?? 0;
        _lines?.Dispose();
        _lines = null;
        _body?.Dispose();
        _body = null;
        _response?.Dispose();
        _response = null;
        _waitSource?.Dispose();
        _waitSource = null;
    }

    [SuppressMessage("Usage", "CA2201", Justification = "ADO.NET specifies IndexOutOfRangeException for unknown names and ordinals.")]
    private ResultColumn Column(int ordinal)
    {
        if ((uint)ordinal >= (uint)_columns.Length)
            throw new IndexOutOfRangeException($"Column ordinal {ordinal} is out of range; the result has {_columns.Length} columns.");
        return _columns[ordinal];
    }

    /// <summary>Throws unless a row is current; one check per value, since closing the reader also leaves the row.</summary>
    private void EnsureOnRow()
    {
        if (!_onRow)
            throw NotOnRow();
    }

    private InvalidOperationException NotOnRow() => _closed
        ? new InvalidOperationException("The reader is closed.")
        : new InvalidOperationException("There is no current row: call Read() first, and only read values while it returns true.");

    private void EnsureNotClosed(string member)
    {
        if (_closed)
            throw new InvalidOperationException($"{member} cannot be used on a closed reader.");
    }

    private InvalidCastException ConversionFailed(int ordinal, Type requested, Exception inner)
    {
        var column = _columns[ordinal];
        string shown;
        try
        {
            shown = _tokenizer!.Value(_lines!.Line, ordinal).GetText();
            if (shown.Length > 60)
                shown = shown.Substring(0, 60) + "…";
        }
        catch (Exception e) when (e is InvalidOperationException or JsonException or FormatException)
        {
            shown = "(unreadable)";
        }
        var reason = inner is InvalidCastException && inner.Message == new InvalidCastException().Message
            ? "that conversion is not supported"
            : inner.Message;
        return new InvalidCastException(
            $"Column '{column.Name}' ({column.TypeName}) in row {_rows} holds '{shown}', which cannot be read as {ValueConverter.Describe(requested)}: {reason}. " +
            "GetString() or GetFieldValue<string>() always works; see the type-mapping table for the supported conversions.", inner);
    }

    private byte[] CachedBytes(int ordinal)
    {
        if (_bytesRow != _rows || _bytesOrdinal != ordinal || _bytes is null)
        {
            _bytes = GetFieldValue<byte[]>(ordinal);
            _chars = null;
            _bytesRow = (int)_rows;
            _bytesOrdinal = ordinal;
        }
        return _bytes;
    }

    private string CachedChars(int ordinal)
    {
        if (_bytesRow != _rows || _bytesOrdinal != ordinal || _chars is null)
        {
            _chars = GetFieldValue<string>(ordinal);
            _bytes = null;
            _bytesRow = (int)_rows;
            _bytesOrdinal = ordinal;
        }
        return _chars;
    }

    private static long CopyRange(byte[] source, long dataOffset, byte[] buffer, int bufferOffset, int length)
    {
        if (dataOffset < 0 || dataOffset > source.Length)
            throw new ArgumentOutOfRangeException(nameof(dataOffset), dataOffset, $"dataOffset must be between 0 and the value's length ({source.Length}).");
        if (bufferOffset < 0 || length < 0 || bufferOffset + length > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(length), length, "bufferOffset and length must lie inside the buffer.");
        var count = (int)Math.Min(length, source.Length - dataOffset);
        Buffer.BlockCopy(source, (int)dataOffset, buffer, bufferOffset, count);
        return count;
    }
}
