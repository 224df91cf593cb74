using System;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Parquet.Mapping;
using Parquet;

namespace Owox.Data.Parquet.Writing;

/// <summary>
/// A <see cref="ColumnBuffer"/> of <typeparamref name="T"/> values (what Parquet.Net writes for the column's field):
/// <see cref="DbDataReader.IsDBNull"/> once per value, then the typed getter <c>read</c>, never <c>GetValue</c>.
/// </summary>
internal sealed class ValueBuffer<T> : ColumnBuffer
    where T : struct
{
    /// <summary>What a value costs beyond its variable part: its slot, and for text and bytes the object's header.</summary>
    private static readonly int FixedBytes = Unsafe.SizeOf<T>() + (RuntimeHelpers.IsReferenceOrContainsReferences<T>() ? 24 : 0);

    private const int InitialCapacity = 1024;

    private readonly ValueRead<T> _read;
    private readonly Func<T, int>? _variableBytes;
    private T[] _values = [];
    private int[] _levels = [];
    private int _valueCount;
    private int _rowCount;
    private long _bytes;

    public ValueBuffer(ParquetColumn column, ValueRead<T> read, Func<T, int>? variableBytes = null)
        : base(column)
    {
        _read = read;
        _variableBytes = variableBytes;
    }

    public override long EstimatedBytes => _bytes;

    public override void Append(DbDataReader reader, long row)
    {
        var column = Column;
        if (reader.IsDBNull(column.Ordinal))
        {
            if (column.IsRequired)
                throw ExportErrors.NullInRequired(column, row);
            AddLevel(0);
            return;
        }
        T value;
        try
        {
            value = _read(reader, column, row);
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw ExportErrors.ReadFailed(column, row, e);
        }
        if (!column.IsRequired)
            AddLevel(1);
        if (_valueCount == _values.Length)
            Array.Resize(ref _values, Grown(_values.Length));
        _values[_valueCount++] = value;
        _bytes += FixedBytes + (_variableBytes?.Invoke(value) ?? 0);
    }

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, CancellationToken cancellationToken)
    {
        // Not "IsRequired ? null : …": null would convert to an empty ReadOnlyMemory<int> (through int[]), zero levels.
        ReadOnlyMemory<int>? levels = null;
        if (!Column.IsRequired)
            levels = new ReadOnlyMemory<int>(_levels, 0, _rowCount);
        await rowGroup.WriteAllPartsAsync(Column.Field, new ReadOnlyMemory<T>(_values, 0, _valueCount), levels, null, cancellationToken).ConfigureAwait(false);
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            Array.Clear(_values, 0, _valueCount);
        _valueCount = 0;
        _rowCount = 0;
        _bytes = 0;
    }

    private void AddLevel(int level)
    {
        if (_rowCount == _levels.Length)
            Array.Resize(ref _levels, Grown(_levels.Length));
        _levels[_rowCount++] = level;
        _bytes += sizeof(int);
    }

    private static int Grown(int length) => length == 0 ? InitialCapacity : (int)Math.Min(Array.MaxLength, 2L * length);
}
