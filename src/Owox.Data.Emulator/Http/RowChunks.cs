using System;
using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;

namespace Owox.Data.Emulator.Http;

/// <summary>
/// HTTP/1.1 chunked framing written by the emulator itself (wire-protocol §3: the server writes every row as a chunk of
/// its own), for a response whose <c>Transfer-Encoding: chunked</c> it sets, so that Kestrel passes the body through
/// instead of framing a chunk per flush. Benchmark mode uses it to write many rows, each its own chunk, per flush.
/// </summary>
internal static class RowChunks
{
    /// <summary>The most a chunk adds to its data: eight hex digits of size and two CRLFs.</summary>
    private const int FramingBytes = 12;

    /// <summary>Writes <paramref name="row"/> as one chunk; returns the bytes written.</summary>
    public static int Write(PipeWriter body, ReadOnlySpan<byte> row)
    {
        var span = body.GetSpan(row.Length + FramingBytes);
        Utf8Formatter.TryFormat(row.Length, span, out var written, new StandardFormat('x'));
        "\r\n"u8.CopyTo(span[written..]);
        written += 2;
        row.CopyTo(span[written..]);
        written += row.Length;
        "\r\n"u8.CopyTo(span[written..]);
        written += 2;
        body.Advance(written);
        return written;
    }

    /// <summary>Writes the zero-length chunk that ends the body cleanly (no trailers).</summary>
    public static void WriteLast(PipeWriter body) => body.Write("0\r\n\r\n"u8);
}
