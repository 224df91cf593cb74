using System;
using System.Data.Common;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Parquet.Footer;
using Owox.Data.Parquet.Mapping;
using Parquet;
using Parquet.Schema;

namespace Owox.Data.Parquet.Writing;

/// <summary>
/// One export, start to end: plans the columns, reads the rows into the column buffers, writes a row group whenever
/// one is full (by rows or by bytes), and ends the file with its metadata, annotated for the JSON and timestamp columns.
/// </summary>
internal static class ParquetExport
{
    /// <summary>How often (in rows) the buffers' size is summed against the byte bound.</summary>
    private const int ByteCheckInterval = 64;

    public static async Task<long> WriteAsync(DbDataReader reader, Stream output, OwoxParquetWriterOptions options, CancellationToken cancellationToken)
    {
        var columns = ColumnPlanner.Plan(reader, options);
        var buffers = Array.ConvertAll(columns, ColumnBuffer.Create);
        var schema = new ParquetSchema(columns.Select(column => (Field)column.Field));
        var parquetOptions = new ParquetOptions { CompressionMethod = Codec(options.Compression), CompressionLevel = CompressionLevel.Optimal };
        using var capture = new FooterCapture(output);
        // Not disposed on failure: disposing is what writes the footer, and a failed export must not look complete.
        var writer = await ParquetWriter.CreateAsync(schema, capture, parquetOptions, append: false, cancellationToken).ConfigureAwait(false);
        var limit = options.MaxRows ?? long.MaxValue;
        long rows = 0;
        var inGroup = 0;
        while (rows < limit && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows++;
            foreach (var buffer in buffers)
                buffer.Append(reader, rows);
            inGroup++;
            if (inGroup >= options.MaxRowGroupRows || inGroup % ByteCheckInterval == 0 && EstimatedBytes(buffers) >= options.MaxRowGroupBytes)
            {
                await WriteRowGroupAsync(writer, buffers, cancellationToken).ConfigureAwait(false);
                inGroup = 0;
                options.Progress?.Invoke(rows);
            }
        }
        if (inGroup > 0)
        {
            await WriteRowGroupAsync(writer, buffers, cancellationToken).ConfigureAwait(false);
            options.Progress?.Invoke(rows);
        }
        capture.BeginFooter();
        await writer.DisposeAsync().ConfigureAwait(false);
        var footer = SchemaAnnotation.Apply(capture.Footer, columns);
        await output.WriteAsync(footer, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    private static async Task WriteRowGroupAsync(ParquetWriter writer, ColumnBuffer[] buffers, CancellationToken cancellationToken)
    {
        using var rowGroup = writer.CreateRowGroup();
        foreach (var buffer in buffers)
            await buffer.WriteAsync(rowGroup, cancellationToken).ConfigureAwait(false);
        rowGroup.CompleteValidate();
    }

    private static long EstimatedBytes(ColumnBuffer[] buffers)
    {
        long bytes = 0;
        foreach (var buffer in buffers)
            bytes += buffer.EstimatedBytes;
        return bytes;
    }

    private static CompressionMethod Codec(OwoxParquetCompression compression) => compression switch
    {
        OwoxParquetCompression.Snappy => CompressionMethod.Snappy,
        OwoxParquetCompression.Zstd => CompressionMethod.Zstd,
        OwoxParquetCompression.Gzip => CompressionMethod.Gzip,
        OwoxParquetCompression.None => CompressionMethod.None,
        _ => throw new ArgumentOutOfRangeException(nameof(compression), compression, "Unknown compression."),
    };
}
