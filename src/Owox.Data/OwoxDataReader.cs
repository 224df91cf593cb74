using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Diagnostics;
using Owox.Data.Execution;
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
    private static readonly Task<bool> TrueTask = Task.FromResult(true);
    private static readonly Task<bool> FalseTask = Task.FromResult(false);

    private readonly OwoxCommand _command;
    private readonly OwoxConnection _connection;
    private readonly CommandBehavior _behavior;
    private readonly bool _closeConnection;
    private readonly ResultColumn[] _columns;
    private readonly ResultStream? _stream;
    private readonly RowTokenizer? _tokenizer;
    private readonly OperationTelemetry? _telemetry;
    private Dictionary<string, int>? _ordinals;
    private ReaderState _state;
    private long _rows;
    private int _closing;
    private long _bytesRow = -1;
    private int _bytesOrdinal = -1;
    private byte[]? _bytes;
    private string? _chars;

    internal OwoxDataReader(OwoxCommand command, OwoxConnection connection, CommandBehavior behavior, bool closeConnection, QueryExecutor.StartedResult result)
    {
        _command = command;
        _connection = connection;
        _behavior = behavior;
        _closeConnection = closeConnection;
        DataMartId = result.DataMartId;
        _columns = result.Columns;
        _stream = result.Stream;
        _tokenizer = _stream?.Tokenizer;
        _telemetry = result.Telemetry;
        _state = _stream is null || (behavior & CommandBehavior.SchemaOnly) != 0 ? ReaderState.Ended : ReaderState.BeforeRow;
    }

    /// <summary>The <c>x-owox-run-id</c> of the run the server recorded for this stream (null for schema-only readers answered from metadata).</summary>
    public string? RunId => _stream?.RunId;

    /// <summary>The data mart (or report) this reader streams.</summary>
    public string DataMartId { get; }

    /// <summary>Rows handed out so far.</summary>
    public long RowsRead => _rows;

    /// <summary>Bytes of the response body received so far.</summary>
    public long BytesRead => _stream?.BytesRead ?? 0;

    /// <summary>The number of columns; known before the first row.</summary>
    public override int FieldCount => _columns.Length;

    /// <summary>Always 0: rows are flat.</summary>
    public override int Depth => 0;

    /// <summary>True once the reader has been closed or disposed.</summary>
    public override bool IsClosed => _state == ReaderState.Closed;

    /// <summary>Always -1: OWOX commands only read.</summary>
    public override int RecordsAffected => -1;

    /// <summary>True when the result has at least one row (reads the first row ahead if none was read yet).</summary>
    public override bool HasRows
    {
        get
        {
            EnsureNotClosed(nameof(HasRows));
            switch (_state)
            {
                case ReaderState.RowPeeked:
                    return true;
                case ReaderState.BeforeRow:
                    var hasRow = Advance(async: false, CancellationToken.None).GetAwaiter().GetResult();
                    if (hasRow)
                    {
                        _rows--;
                        _state = ReaderState.RowPeeked;
                    }
                    return hasRow;
                default:
                    return _rows > 0;
            }
        }
    }

    /// <summary>The value of column <paramref name="ordinal"/> (see <see cref="GetValue"/>).</summary>
    public override object this[int ordinal] => GetValue(ordinal);

    /// <summary>The value of the column named <paramref name="name"/> (see <see cref="GetOrdinal"/>).</summary>
    public override object this[string name] => GetValue(GetOrdinal(name));

    /// <summary>
    /// Advances to the next row; false at the end of the result. Throws <see cref="OwoxException"/> if the stream was
    /// cut or timed out, and <see cref="OperationCanceledException"/> after <see cref="OwoxCommand.Cancel"/> — with rows
    /// still buffered too: no row is handed out after a stop.
    /// </summary>
    public override bool Read()
    {
        EnsureNotClosed(nameof(Read));
        if (TryAdvanceWithoutIo(out var result))
            return result;
        return Advance(async: false, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Advances to the next row asynchronously; see <see cref="Read"/>. Cancelling the token stops the whole stream.</summary>
    public override Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        EnsureNotClosed(nameof(ReadAsync));
        if (cancellationToken.IsCancellationRequested)
        {
            _stream?.Stop(StopReason.Cancelled);
            return Task.FromCanceled<bool>(cancellationToken);
        }
        bool result;
        try
        {
            if (TryAdvanceWithoutIo(out result))
                return result ? TrueTask : FalseTask;
        }
        catch (Exception e)
        {
            return Task.FromException<bool>(e);
        }
        var pending = Advance(async: true, cancellationToken);
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
        Column(ordinal);
        EnsureOnRow();
        return ValueAt(ordinal, _stream!.Line);
    }

    /// <summary>The current row's value of a column known to exist: <see cref="DBNull.Value"/> or the column's natural type.</summary>
    private object ValueAt(int ordinal, ReadOnlySpan<byte> line)
    {
        if (!_tokenizer!.TryGetValue(line, ordinal, out var raw))
            return DBNull.Value;
        try
        {
            return ValueConverter.ToObject(_columns[ordinal].Kind, raw);
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidCastException)
        {
            throw ConversionFailed(ordinal, _columns[ordinal].FieldType, e);
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
        if (count == 0)
            return 0;
        EnsureOnRow();
        var line = _stream!.Line;
        for (var i = 0; i < count; i++)
            values[i] = ValueAt(i, line);
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
        if (typeof(T) == typeof(Stream))
            return (T)(object)GetStream(ordinal);
        if (typeof(T) == typeof(TextReader))
            return (T)(object)GetTextReader(ordinal);
        if (!_tokenizer!.TryGetValue(_stream!.Line, ordinal, out var raw))
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
        if (!_tokenizer!.TryGetValue(_stream!.Line, ordinal, out var raw))
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
        if (dataOffset < 0)
            throw new ArgumentOutOfRangeException(nameof(dataOffset), dataOffset, "dataOffset must be 0 or more.");
        if (bufferOffset < 0 || length < 0 || bufferOffset + length > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(length), length, "bufferOffset and length must lie inside the buffer.");
        if (dataOffset >= text.Length)
            return 0;
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
    /// The schema table in SqlClient's column order, from <see cref="GetColumnSchema"/>: size, precision and scale where
    /// the storage type fixes them, <c>AllowDBNull</c> false for REQUIRED fields (which the warehouse enforces), and
    /// <c>IsKey</c> only under <see cref="CommandBehavior.KeyInfo"/> (declared keys are not enforced, so <c>DataTable.Load</c>
    /// of a plain reader adds no key constraint the data could break); nothing is unique, auto-increment or read-only.
    /// <c>BaseTableName</c> is the data-mart id and <c>DataTypeName</c> the storage type.
    /// </summary>
    public override DataTable GetSchemaTable() => SchemaTableBuilder.Build(GetColumnSchema(), (_behavior & CommandBehavior.KeyInfo) != 0);

    /// <summary>The columns as <see cref="OwoxDbColumn"/>s.</summary>
    public ReadOnlyCollection<DbColumn> GetColumnSchema()
    {
        var columns = new DbColumn[_columns.Length];
        for (var i = 0; i < columns.Length; i++)
            columns[i] = new OwoxDbColumn(_columns[i], i, DataMartId);
        return new ReadOnlyCollection<DbColumn>(columns);
    }

    /// <summary>
    /// Closes the response (the server stops streaming) and, for <see cref="CommandBehavior.CloseConnection"/>, the
    /// connection. Safe from any thread: a read waiting on another thread then ends with an
    /// <see cref="InvalidOperationException"/>.
    /// </summary>
    public override void Close()
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
            return;
        _state = ReaderState.Closed;
        _stream?.Dispose();
        RecordTelemetry();
        _command.ReaderClosed(this);
        _connection.ReaderClosed(this);
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

    /// <summary>
    /// Advances without I/O — onto the row <see cref="HasRows"/> peeked at, past the end, or onto a line already
    /// buffered (nearly every row): true with the outcome in <paramref name="result"/>; false when bytes must be read.
    /// </summary>
    private bool TryAdvanceWithoutIo(out bool result)
    {
        result = false;
        switch (_state)
        {
            case ReaderState.RowPeeked:
                _stream!.ThrowIfStopped();
                return Moved(result = true);
            case ReaderState.Ended:
                return true;
            case ReaderState.Stopped:
                _stream!.ThrowIfStopped();
                return true;
        }
        _state = ReaderState.BeforeRow;
        if ((_behavior & CommandBehavior.SingleRow) != 0 && _rows >= 1)
        {
            End();
            return true;
        }
        try
        {
            if (!_stream!.TryAdvanceBuffered(out result))
                return false;
        }
        catch (Exception e)
        {
            Stopped();
            _telemetry?.Fail(e);
            throw;
        }
        return Moved(result);
    }

    /// <summary>Reads more of the body for the next row; called when <see cref="TryAdvanceWithoutIo"/> found none buffered.</summary>
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    private async ValueTask<bool> Advance(bool async, CancellationToken cancellationToken)
    {
        bool hasRow;
        try
        {
            hasRow = await _stream!.ReadAsync(async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Stopped();
            _telemetry?.Fail(e);
            throw;
        }
        return Moved(hasRow);
    }

    private bool Moved(bool hasRow)
    {
        if (!hasRow)
        {
            End();
            return false;
        }
        _rows++;
        if (_state != ReaderState.Closed)
            _state = ReaderState.OnRow;
        return true;
    }

    private void End()
    {
        _stream?.Finish();
        if (_state != ReaderState.Closed)
            _state = ReaderState.Ended;
    }

    private void Stopped()
    {
        if (_state != ReaderState.Closed)
            _state = ReaderState.Stopped;
    }

    private void RecordTelemetry()
    {
        if (_stream is null)
            return;
        var bytes = _stream.BytesRead;
        var tags = _telemetry?.Tags() ?? default;
        OwoxTelemetry.Rows.Add(_rows, tags);
        OwoxTelemetry.Bytes.Add(bytes, tags);
        if (_telemetry is null)
            return;
        if (_telemetry.Activity is { } activity)
        {
            activity.SetTag(OwoxTelemetry.RunIdTag, RunId);
            activity.SetTag(OwoxTelemetry.RowsTag, _rows);
            activity.SetTag(OwoxTelemetry.BytesTag, bytes);
        }
        _telemetry.Dispose();
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
        if (_state != ReaderState.OnRow)
            throw NotOnRow();
    }

    private InvalidOperationException NotOnRow() => _state == ReaderState.Closed
        ? new InvalidOperationException("The reader is closed.")
        : new InvalidOperationException("There is no current row: call Read() first, and only read values while it returns true.");

    private void EnsureNotClosed(string member)
    {
        if (_state == ReaderState.Closed)
            throw new InvalidOperationException($"{member} cannot be used on a closed reader.");
    }

    private Exception ConversionFailed(int ordinal, Type requested, Exception inner)
    {
        var column = _columns[ordinal];
        string shown;
        try
        {
            shown = _tokenizer!.Value(_stream!.Line, ordinal).GetText();
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
        var message = $"Column '{column.Name}' ({column.TypeName}) in row {_rows} holds '{shown}', which cannot be read as {ValueConverter.Describe(requested)}: {reason}. ";
        if (inner is OverflowException)
            return new OverflowException(message + "Read it as a wider type (long, decimal, double) or as string.", inner);
        return new InvalidCastException(
            message +
            "GetString() or GetFieldValue<string>() always works; see the type-mapping table for the supported conversions.", inner);
    }

    private byte[] CachedBytes(int ordinal)
    {
        if (_bytesRow != _rows || _bytesOrdinal != ordinal || _bytes is null)
        {
            _bytes = GetFieldValue<byte[]>(ordinal);
            _chars = null;
            _bytesRow = _rows;
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
            _bytesRow = _rows;
            _bytesOrdinal = ordinal;
        }
        return _chars;
    }

    private static long CopyRange(byte[] source, long dataOffset, byte[] buffer, int bufferOffset, int length)
    {
        if (dataOffset < 0)
            throw new ArgumentOutOfRangeException(nameof(dataOffset), dataOffset, "dataOffset must be 0 or more.");
        if (bufferOffset < 0 || length < 0 || bufferOffset + length > buffer.Length)
            throw new ArgumentOutOfRangeException(nameof(length), length, "bufferOffset and length must lie inside the buffer.");
        if (dataOffset >= source.Length)
            return 0;
        var count = (int)Math.Min(length, source.Length - dataOffset);
        Buffer.BlockCopy(source, (int)dataOffset, buffer, bufferOffset, count);
        return count;
    }
}
