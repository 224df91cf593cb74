using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Owox.Data.Parquet.Footer;

/// <summary>
/// The stream Parquet.Net writes to: the pages pass straight through to the output, and from <see cref="BeginFooter"/>
/// on the bytes (the file's metadata, its length and the closing magic) are held back, so that the metadata can be
/// annotated (<see cref="SchemaAnnotation"/>) before it reaches the output. Not seekable, so that Parquet.Net counts
/// the offsets it records from the start of the file, wherever the output's position is; the output is never closed.
/// </summary>
internal sealed class FooterCapture(Stream output) : Stream
{
    private MemoryStream? _footer;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>From now on, writes are the footer's.</summary>
    public void BeginFooter() => _footer = new MemoryStream();

    /// <summary>The held-back footer bytes.</summary>
    public byte[] Footer => _footer?.ToArray() ?? throw new InvalidOperationException("The footer has not begun.");

    public override void Write(byte[] buffer, int offset, int count) => Target.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => Target.Write(buffer);

    public override void WriteByte(byte value) => Target.WriteByte(value);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Target.WriteAsync(buffer, offset, count, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Target.WriteAsync(buffer, cancellationToken);

    public override void Flush()
    {
        if (_footer is null)
            output.Flush();
    }

    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _footer is null ? output.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _footer?.Dispose();
        base.Dispose(disposing);
    }

    private Stream Target => _footer ?? output;
}
