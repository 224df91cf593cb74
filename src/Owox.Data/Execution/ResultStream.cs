using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Owox.Data.Diagnostics;
using Owox.Data.Http;
using Owox.Data.Query;
using Owox.Data.Reading;
using Owox.Data.Schema;

namespace Owox.Data.Execution;

/// <summary>
/// One streamed result: the single owner of the response (through its <see cref="ReadAheadStream"/>), the line
/// reader, the tokenizer and the row count, and the one place where transport failures, cancellation, timeouts and
/// malformed rows become the exception the caller sees. A row is handed out only while nothing has stopped the
/// execution, so after a stop no row follows. Everything but <see cref="Stop"/> and <see cref="Dispose"/> runs on the
/// reading thread; those two are safe from any thread, at any moment.
/// </summary>
internal sealed class ResultStream : IDisposable
{
    /// <summary>The longest NDJSON row accepted; a longer one fails the read instead of exhausting memory.</summary>
    public const int MaxRowBytes = 64 * 1024 * 1024;

    private readonly ReadAheadStream _body;
    private readonly NdjsonLineReader _lines;
    private readonly CommandDeadline _deadline;
    private readonly ILogger _logger;
    private readonly long _startedTimestamp;
    private readonly RowCountCheck? _check;
    private RowTokenizer? _tokenizer;
    private Exception? _failure;
    private int _skip;
    private long _skipped;
    private bool _ended;
    private int _disposed;

    private ResultStream(ReadAheadStream body, string dataMartId, string? runId, int skip, RowCountCheck? check, CommandDeadline deadline, ILogger logger, long startedTimestamp)
    {
        _check = check;
        _body = body;
        _skip = skip;
        _lines = new NdjsonLineReader(body, MaxRowBytes);
        DataMartId = dataMartId;
        RunId = runId;
        _deadline = deadline;
        _logger = logger;
        _startedTimestamp = startedTimestamp;
        deadline.OnStop(body.Abort);
    }

    /// <summary>The data mart (or report) streamed.</summary>
    public string DataMartId { get; }

    /// <summary>The server's <c>x-owox-run-id</c> for this stream.</summary>
    public string? RunId { get; }

    /// <summary>Rows tokenised so far (the current one included).</summary>
    public long Rows { get; private set; }

    /// <summary>Bytes of the body received so far.</summary>
    public long BytesRead => _lines.BytesRead;

    /// <summary>The current row's bytes; valid until the next advance.</summary>
    public ReadOnlySpan<byte> Line => _lines.Line;

    /// <summary>The current row's values.</summary>
    public RowTokenizer Tokenizer => _tokenizer!;

    /// <summary>
    /// Takes over <paramref name="response"/> (a 200 with an NDJSON body) and starts reading it ahead. From here the
    /// result stream disposes the response, and <paramref name="deadline"/> with it. The first <paramref name="skip"/>
    /// rows (a SQL OFFSET) are read past and never handed out. With <paramref name="check"/> (<c>Verify Row Count</c>),
    /// a clean end is confirmed against the server's run record before <see cref="ReadAsync"/> reports it.
    /// </summary>
    public static async ValueTask<ResultStream> OpenAsync(HttpResponseMessage response, string dataMartId, string? runId, int skip, RowCountCheck? check, CommandDeadline deadline, ILogger logger, long startedTimestamp, bool async)
    {
        Stream body;
        deadline.BeginWait();
        try
        {
            body = await HttpStreams.ReadContentAsync(response.Content, async, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            response.Dispose();
            throw deadline.IsStopped
                ? deadline.StopException(e, "while opening the response", dataMartId, 0, runId)
                : Truncated(e, dataMartId, runId, 0);
        }
        finally
        {
            deadline.EndWait();
        }
        return new ResultStream(new ReadAheadStream(body, response), dataMartId, runId, skip, check, deadline, logger, startedTimestamp);
    }

    /// <summary>
    /// The result's columns: <paramref name="columns"/> from metadata (with <paramref name="reconcile"/>, plus any
    /// unexpected key of the first row), or, when null, inferred from the first rows (named and ordered by
    /// <paramref name="projection"/> for a SELECT). Looks ahead without consuming rows.
    /// </summary>
    public async ValueTask<ResultColumn[]> ResolveColumnsAsync(ResultColumn[]? columns, bool reconcile, IReadOnlyList<OutputColumn>? projection, bool async)
    {
        _deadline.BeginWait();
        try
        {
            if (columns is null)
            {
                await _lines.BufferLinesAsync(SchemaInference.WindowRows, async, _deadline.Token).ConfigureAwait(false);
                columns = SchemaInference.Infer(_lines.Buffered, _lines.EndOfStream);
                if (projection is not null)
                    columns = SchemaInference.ForProjection(projection, columns);
            }
            else if (reconcile)
            {
                await _lines.BufferLinesAsync(1, async, _deadline.Token).ConfigureAwait(false);
                columns = SchemaInference.WithUnexpectedKeys(columns, _lines.Buffered, _lines.EndOfStream);
            }
        }
        catch (Exception e) when (IsStreamFailure(e))
        {
            throw Fail(e, default);
        }
        finally
        {
            _deadline.EndWait();
        }
        _tokenizer = new RowTokenizer(columns);
        return columns;
    }

    /// <summary>
    /// Moves to the next row without I/O when one is buffered: true with <paramref name="hasRow"/>; false when bytes
    /// must be read first (<see cref="ReadAsync"/>). Throws the stop, if anything stopped the execution.
    /// </summary>
    public bool TryAdvanceBuffered(out bool hasRow)
    {
        ThrowIfStopped();
        hasRow = false;
        if (_ended)
            return true;
        while (_lines.TryReadBufferedLine())
        {
            if (_skip > 0)
            {
                _skip--;
                _skipped++;
                continue;
            }
            hasRow = OnLine();
            return true;
        }
        return false;
    }

    /// <summary>Reads more of the body for the next row: true on a row, false at the clean end.</summary>
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    public async ValueTask<bool> ReadAsync(bool async, CancellationToken cancellationToken)
    {
        while (true)
        {
            ThrowIfStopped();
            if (_ended)
                return false;
            bool hasLine;
            _deadline.BeginWait();
            try
            {
                hasLine = await _lines.ReadLineAsync(async, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsStreamFailure(e))
            {
                throw Fail(e, cancellationToken);
            }
            finally
            {
                _deadline.EndWait();
            }
            ThrowIfStopped();
            if (!hasLine)
            {
                if (_check is not null)
                    await VerifyRowCountAsync(async, cancellationToken).ConfigureAwait(false);
                Finish();
                return false;
            }
            if (_skip == 0)
                return OnLine();
            _skip--;
            _skipped++;
        }
    }

    /// <summary>Confirms a clean end against the run record; a mismatch becomes the stream's failure, like a truncation.</summary>
    private async ValueTask VerifyRowCountAsync(bool async, CancellationToken cancellationToken)
    {
        _deadline.BeginWait();
        try
        {
            await _check!.VerifyAsync(RunId, Rows + _skipped, async, _deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e)
        {
            throw Fail(e, cancellationToken);
        }
        catch (OwoxException e)
        {
            OwoxLog.StreamFailed(_logger, e, DataMartId, RunId, Rows);
            _failure = e;
            Release();
            throw;
        }
        finally
        {
            _deadline.EndWait();
        }
        ThrowIfStopped();
    }

    /// <summary>Ends the result early (the reader has what it needs): the server is told to stop, no failure is recorded.</summary>
    public void Finish()
    {
        if (_ended)
            return;
        _ended = true;
        OwoxLog.StreamEnded(_logger, DataMartId, RunId, Rows, BytesRead);
        Release();
    }

    /// <summary>Stops the stream for <paramref name="reason"/>. Safe from any thread; a read in progress ends with the stop's exception.</summary>
    public void Stop(StopReason reason) => _deadline.Stop(reason);

    /// <summary>Closes the stream (from any thread): an unfinished one is stopped as closed, which tells the server to stop.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        if (!_ended && _failure is null)
            OwoxLog.StreamEnded(_logger, DataMartId, RunId, Rows, BytesRead);
        _deadline.Stop(StopReason.Closed);
        _body.Dispose();
        _deadline.Dispose();
    }

    private static bool IsStreamFailure(Exception e) =>
        e is IOException or HttpRequestException or ObjectDisposedException or OperationCanceledException or LineTooLongException;

    /// <summary>Throws the stop (failure, cancellation, timeout, close) if anything stopped the stream before it ended.</summary>
    public void ThrowIfStopped()
    {
        if (_failure is not null)
            throw _failure;
        if (_deadline.IsStopped && !_ended)
            throw Fail(null, default);
    }

    /// <summary>Tokenises the line just read as the current row.</summary>
    private bool OnLine()
    {
        try
        {
            _tokenizer!.Tokenize(_lines.Line);
        }
        catch (JsonException e)
        {
            throw Fail(e, default);
        }
        if (++Rows == 1)
            OwoxTelemetry.TimeToFirstRow.Record((Stopwatch.GetTimestamp() - _startedTimestamp) / (double)Stopwatch.Frequency);
        return true;
    }

    /// <summary>Records why the stream failed, stops it, and returns the exception to throw (now and on every later read).</summary>
    private Exception Fail(Exception? cause, CancellationToken callerToken)
    {
        if (_failure is not null)
            return _failure;
        if (!_deadline.IsStopped && cause is OperationCanceledException && callerToken.IsCancellationRequested)
            _deadline.Stop(StopReason.Cancelled);
        Exception failure;
        if (_deadline.IsStopped)
        {
            failure = _deadline.StopException(cause, "while waiting for more rows", DataMartId, Rows, RunId, callerToken);
        }
        else
        {
            failure = cause switch
            {
                LineTooLongException tooLong => new OwoxException(
                    $"Row {Rows + 1} of data mart '{DataMartId}' is longer than {tooLong.MaxLineBytes / (1024 * 1024)} MiB, the most Owox.Data accepts for one row" +
                    $"{RunText(RunId, " (run id {0})")}; select fewer or smaller columns.",
                    tooLong, null, OwoxErrorCodes.RowTooLarge, null, isTransient: false)
                { DataMartId = DataMartId, RunId = RunId, RowsRead = Rows },
                JsonException json => Malformed(json),
                _ => Truncated(cause, DataMartId, RunId, Rows),
            };
            if (failure is OwoxException { Code: OwoxErrorCodes.StreamTruncated } truncated)
                OwoxLog.StreamFailed(_logger, truncated, DataMartId, RunId, Rows);
        }
        _failure = failure;
        Release();
        return failure;
    }

    private OwoxException Malformed(JsonException e)
    {
        var line = _lines.Line;
        var preview = RawValue.Utf8(line.Slice(0, Math.Min(line.Length, 200)));
        return new OwoxException(
            $"Row {Rows + 1} of data mart '{DataMartId}'{RunText(RunId, " (run id {0})")} is not a valid NDJSON object ({e.Message}) — " +
            $"the response is corrupt or not from an OWOX server. It starts with: {preview}",
            e, null, OwoxErrorCodes.MalformedNdjson, null, isTransient: false)
        { DataMartId = DataMartId, RunId = RunId, RowsRead = Rows };
    }

    private static OwoxException Truncated(Exception? cause, string dataMartId, string? runId, long rows) => new(
        $"The stream of data mart '{dataMartId}' ended early after {rows} rows{RunText(runId, " (run id {0})")}: " +
        "the server or the network closed the connection before the response was complete, so these rows are not the whole result. " +
        "Run the command again (it re-runs the query); the run's record in OWOX shows the server-side reason.",
        cause, null, OwoxErrorCodes.StreamTruncated, null, isTransient: rows == 0)
    { DataMartId = dataMartId, RunId = runId, RowsRead = rows };

    private static string RunText(string? runId, string format) =>
        runId is null ? string.Empty : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, runId);

    /// <summary>Stops reading ahead (the loop disposes the response) once the result is over, however it ended.</summary>
    private void Release() => _body.Dispose();
}
