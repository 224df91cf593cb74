using System;
using System.Data.Common;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Parquet.Writing;

namespace Owox.Data.Parquet;

/// <summary>
/// Writes the rows of a <see cref="DbDataReader"/> — an <c>OwoxDataReader</c> first of all, but any reader — to an
/// Apache Parquet file, typed from the reader's column schema (<c>GetColumnSchema()</c>, else <c>GetFieldType</c>):
/// integers as <c>INT64</c>, decimals as <c>DECIMAL(p,s)</c>, dates as <c>DATE</c>, times of day as <c>TIME</c>,
/// timestamps as <c>TIMESTAMP</c> adjusted to UTC or wall-clock as the column says, JSON columns as <c>JSON</c>. Rows
/// are buffered one row group at a time, so memory stays bounded however many rows there are. A value the file cannot
/// hold exactly (a decimal beyond its column's precision or scale, a NULL in a REQUIRED column) stops the export with
/// an <see cref="OwoxParquetException"/>: nothing is rounded or dropped. The type mapping is in the package README.
/// </summary>
public static class OwoxParquetWriter
{
    /// <summary>
    /// Reads the rows of <paramref name="reader"/> from its current position to the end (or
    /// <see cref="OwoxParquetWriterOptions.MaxRows"/>) and writes them to <paramref name="output"/> as one Parquet file;
    /// returns the number of rows written. The output needs only to be writable (standard output will do); it is
    /// flushed, not closed, and the reader is neither closed nor disposed. When the export fails, the output holds an
    /// incomplete file without its footer, which no Parquet reader opens.
    /// </summary>
    /// <param name="reader">The rows to write; open, before its first row to write them all.</param>
    /// <param name="output">The stream to write the file to.</param>
    /// <param name="options">Row-group bounds, compression, decimal defaults…; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the export (and an <c>OwoxDataReader</c>'s stream).</param>
    /// <exception cref="OwoxParquetException">A column or value the file cannot hold as it is; the message names the column, the row and the fix.</exception>
    public static Task<long> WriteAsync(DbDataReader reader, Stream output, OwoxParquetWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanWrite)
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        if (reader.IsClosed)
            throw new ArgumentException("The reader is closed.", nameof(reader));
        return ParquetExport.WriteAsync(reader, output, options ?? new OwoxParquetWriterOptions(), cancellationToken);
    }

    /// <summary>
    /// Writes the rows of <paramref name="reader"/> to the Parquet file <paramref name="path"/>, as
    /// <see cref="WriteAsync"/> does; returns the number of rows written. The file is written under a temporary name in
    /// the same folder and takes its name only when complete, replacing a file of that name: a failed export leaves no
    /// file behind, and an existing file unchanged.
    /// </summary>
    /// <param name="reader">The rows to write; open, before its first row to write them all.</param>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="options">Row-group bounds, compression, decimal defaults…; null for the defaults.</param>
    /// <param name="cancellationToken">Stops the export (and an <c>OwoxDataReader</c>'s stream).</param>
    /// <exception cref="OwoxParquetException">A column or value the file cannot hold as it is; the message names the column, the row and the fix.</exception>
    public static async Task<long> WriteFileAsync(DbDataReader reader, string path, OwoxParquetWriterOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var target = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(target) ?? ".", $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long rows;
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
                rows = await WriteAsync(reader, file, options, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, target, overwrite: true);
            return rows;
        }
        catch
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
            throw;
        }
    }
}
