using System;
using System.Data.Common;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Parquet.Mapping;
using Parquet;

namespace Owox.Data.Parquet.Writing;

/// <summary>
/// The values of one column for the row group being filled, held column-wise as the file stores them: the non-NULL
/// values packed together, and for an OPTIONAL column one definition level per row (0 for NULL). Written to a row group
/// and emptied, then filled again, so its arrays are allocated once per export.
/// </summary>
internal abstract class ColumnBuffer
{
    protected ColumnBuffer(ParquetColumn column)
    {
        Column = column;
    }

    public ParquetColumn Column { get; }

    /// <summary>About how much memory the buffered values take (the row-group byte bound).</summary>
    public abstract long EstimatedBytes { get; }

    /// <summary>Appends the column's value in the reader's current row, row <paramref name="row"/> (from 1).</summary>
    public abstract void Append(DbDataReader reader, long row);

    /// <summary>Writes the buffered values as this column's chunk of <paramref name="rowGroup"/>, then empties the buffer.</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken);

    /// <summary>The buffer for <paramref name="column"/>, with the getter its kind and CLR type call for.</summary>
    public static ColumnBuffer Create(ParquetColumn column) => column.Kind switch
    {
        ParquetValueKind.Boolean => new ValueBuffer<bool>(column, static (r, c, _) => r.GetBoolean(c.Ordinal)),
        ParquetValueKind.UInt8 => new ValueBuffer<byte>(column, static (r, c, _) => r.GetByte(c.Ordinal)),
        ParquetValueKind.Int16 => new ValueBuffer<short>(column, static (r, c, _) => r.GetInt16(c.Ordinal)),
        ParquetValueKind.Int32 => new ValueBuffer<int>(column, static (r, c, _) => r.GetInt32(c.Ordinal)),
        ParquetValueKind.Int64 => new ValueBuffer<long>(column, static (r, c, _) => r.GetInt64(c.Ordinal)),
        ParquetValueKind.Float => new ValueBuffer<float>(column, static (r, c, _) => r.GetFloat(c.Ordinal)),
        ParquetValueKind.Double => new ValueBuffer<double>(column, static (r, c, _) => r.GetDouble(c.Ordinal)),
        ParquetValueKind.Decimal => new ValueBuffer<decimal>(column, ValueReaders.Decimal),
        ParquetValueKind.String or ParquetValueKind.Json => new ValueBuffer<ReadOnlyMemory<char>>(column, static (r, c, _) => r.GetString(c.Ordinal).AsMemory(), static text => 2 * text.Length),
        ParquetValueKind.Binary => new ValueBuffer<ReadOnlyMemory<byte>>(column, static (r, c, _) => r.GetFieldValue<byte[]>(c.Ordinal), static bytes => bytes.Length),
        ParquetValueKind.Date => column.SourceType == typeof(DateOnly)
            ? new ValueBuffer<DateOnly>(column, static (r, c, _) => r.GetFieldValue<DateOnly>(c.Ordinal))
            : new ValueBuffer<DateOnly>(column, static (r, c, _) => DateOnly.FromDateTime(r.GetDateTime(c.Ordinal))),
        ParquetValueKind.Time => column.SourceType == typeof(TimeOnly)
            ? new ValueBuffer<long>(column, static (r, c, _) => ValueReaders.Microseconds(r.GetFieldValue<TimeOnly>(c.Ordinal)))
            : new ValueBuffer<long>(column, ValueReaders.TimeOfDay),
        ParquetValueKind.TimestampUtc => column.SourceType == typeof(DateTimeOffset)
            ? new ValueBuffer<long>(column, static (r, c, _) => ValueReaders.UnixMicroseconds(r.GetFieldValue<DateTimeOffset>(c.Ordinal).UtcTicks))
            : new ValueBuffer<long>(column, static (r, c, _) => ValueReaders.Instant(r.GetDateTime(c.Ordinal))),
        ParquetValueKind.TimestampWallClock => new ValueBuffer<long>(column, static (r, c, _) => ValueReaders.UnixMicroseconds(r.GetDateTime(c.Ordinal).Ticks)),
        ParquetValueKind.Uuid => new ValueBuffer<Guid>(column, static (r, c, _) => r.GetGuid(c.Ordinal)),
        _ => throw new ArgumentOutOfRangeException(nameof(column), column.Kind, "Unknown column kind."),
    };
}
