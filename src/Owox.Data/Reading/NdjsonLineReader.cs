using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Reading;

/// <summary>
/// Splits a streaming NDJSON body into lines inside one growable byte buffer: no per-line string, no copy of a line
/// that fits. A line is valid until the next <see cref="ReadLineAsync"/>. Blank lines are skipped; a final line without
/// <c>\n</c> counts only when the body ended cleanly. Lines longer than <see cref="MaxLineBytes"/> are refused instead
/// of exhausting memory.
/// </summary>
/// <remarks>
/// The buffer is the reader's own, not rented from a pool: a getter may still be reading the current row on one thread
/// while another closes the reader, and a pooled buffer returned then could already hold another command's rows. One
/// 64 KiB array per command costs far less than that risk.
/// </remarks>
internal sealed class NdjsonLineReader(Stream stream, int maxLineBytes)
{
    private const int InitialBufferSize = 64 * 1024;

    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private int _scanned;
    private int _lineStart;
    private int _lineLength;
    private bool _endOfStream;
    private Exception? _deferredFailure;

    public int MaxLineBytes { get; } = maxLineBytes;

    /// <summary>Bytes received from the body so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The current line, without its <c>\n</c>.</summary>
    public ReadOnlySpan<byte> Line => _buffer.AsSpan(_lineStart, _lineLength);

    /// <summary>
    /// Moves to the next non-blank line when one is already buffered (no I/O); false when more bytes must be read
    /// first (or the body has ended) — then call <see cref="ReadLineAsync"/>.
    /// </summary>
    public bool TryReadBufferedLine()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline < 0)
            {
                _scanned = _end;
                return false;
            }
            var end = _scanned + newline;
            var hasLine = SetLine(_start, end);
            _start = _scanned = end + 1;
            if (hasLine)
                return true;
        }
    }

    /// <summary>Moves to the next non-blank line; false at the clean end of the body. Transport failures propagate.</summary>
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    public async ValueTask<bool> ReadLineAsync(bool async, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadBufferedLine())
                return true;
            if (_endOfStream)
            {
                var hasLine = SetLine(_start, _end);
                _start = _scanned = _end;
                return hasLine;
            }
            await FillAsync(async, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes sure up to <paramref name="maxLines"/> complete lines (or the end of the body) are buffered
    /// without consuming them, and returns how many complete lines are there. Used to infer column types.
    /// A transport failure while looking ahead is held back and thrown by the read that needs the missing bytes,
    /// so the rows that did arrive are still handed out first.
    /// </summary>
    public async ValueTask<int> BufferLinesAsync(int maxLines, bool async, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lines = CountLines(_buffer.AsSpan(_start, _end - _start), maxLines);
            if (lines >= maxLines || _endOfStream || _deferredFailure is not null)
                return lines;
            try
            {
                await FillAsync(async, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or System.Net.Http.HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                _deferredFailure = e;
                return lines;
            }
        }
    }

    /// <summary>True once the body has ended cleanly (everything left is in <see cref="Buffered"/>).</summary>
    public bool EndOfStream => _endOfStream;

    /// <summary>The buffered, unconsumed bytes (what <see cref="BufferLinesAsync"/> made available).</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    private bool SetLine(int start, int end)
    {
        var line = _buffer.AsSpan(start, end - start);
        var trimmedEnd = line.Length;
        while (trimmedEnd > 0 && line[trimmedEnd - 1] is (byte)'\r' or (byte)' ' or (byte)'\t')
            trimmedEnd--;
        var trimmedStart = 0;
        while (trimmedStart < trimmedEnd && line[trimmedStart] is (byte)' ' or (byte)'\t')
            trimmedStart++;
        _lineStart = start + trimmedStart;
        _lineLength = trimmedEnd - trimmedStart;
        return _lineLength > 0;
    }

#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder))]
#endif
    private async ValueTask FillAsync(bool async, CancellationToken cancellationToken)
    {
        if (_deferredFailure is { } failure)
        {
            _deferredFailure = null;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        if (_start > 0)
        {
            var pending = _end - _start;
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _scanned -= _start;
            _end = pending;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineBytes)
                throw new LineTooLongException(MaxLineBytes);
            var larger = new byte[(int)Math.Min((long)_buffer.Length * 2, MaxLineBytes)];
            Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
            _buffer = larger;
        }

        var read = async
#if NETSTANDARD2_0 || NETFRAMEWORK
            ? await stream.ReadAsync(_buffer, _end, _buffer.Length - _end, cancellationToken).ConfigureAwait(false)
#else
            ? await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false)
#endif
            : stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
            _endOfStream = true;
        _end += read;
        BytesRead += read;
    }

    private static int CountLines(ReadOnlySpan<byte> span, int max)
    {
        var count = 0;
        while (count < max)
        {
            var newline = span.IndexOf((byte)'\n');
            if (newline < 0)
                break;
            count++;
            span = span.Slice(newline + 1);
        }
        return count;
    }
}
