using System;
using System.Collections.Generic;

namespace Owox.Data.Parquet;

/// <summary>
/// Settings for <see cref="OwoxParquetWriter"/>: how large a row group may grow, the compression codec, the decimal
/// shape used when a column's schema gives none, the columns to write as text, a row limit and a progress callback.
/// The defaults suit an export of any size: memory stays bounded by one row group whatever the row count.
/// </summary>
public sealed class OwoxParquetWriterOptions
{
    /// <summary>
    /// The default of <see cref="MaxRowGroupRows"/>: 122,880 rows, DuckDB's own row-group size. Bigger groups compress a
    /// little better but cost their buffered rows in memory: at 1,000,000 rows an export of the 13-column demo mart
    /// peaked near 300 MiB.
    /// </summary>
    public const int DefaultMaxRowGroupRows = 122_880;

    /// <summary>The default of <see cref="MaxRowGroupBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxRowGroupBytes = 64L * 1024 * 1024;

    /// <summary>The largest decimal precision a Parquet file written here holds (16-byte decimals; DuckDB, Spark and Arrow read up to 38).</summary>
    public const int MaxDecimalPrecision = 38;

    /// <summary>The largest decimal scale a <see cref="decimal"/> has, and so the largest written.</summary>
    public const int MaxDecimalScale = 28;

    private int _maxRowGroupRows = DefaultMaxRowGroupRows;
    private long _maxRowGroupBytes = DefaultMaxRowGroupBytes;
    private int _defaultDecimalPrecision = MaxDecimalPrecision;
    private int _defaultDecimalScale = 9;
    private long? _maxRows;

    /// <summary>
    /// The most rows in one row group (default 122,880). Rows are buffered column by column until a row group is full
    /// (by this bound or <see cref="MaxRowGroupBytes"/>, whichever comes first), then written and the buffers reused.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxRowGroupRows
    {
        get => _maxRowGroupRows;
        set => _maxRowGroupRows = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRowGroupRows must be at least 1.");
    }

    /// <summary>
    /// The approximate most memory the buffered values of one row group take (default 64 MiB): 8 bytes or so per
    /// number, date or time, two bytes per character of text plus a few dozen per value. A row group is written once
    /// its buffers reach it, so the memory an export takes stays flat however many rows it writes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public long MaxRowGroupBytes
    {
        get => _maxRowGroupBytes;
        set => _maxRowGroupBytes = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRowGroupBytes must be at least 1.");
    }

    /// <summary>The page compression (default <see cref="OwoxParquetCompression.Snappy"/>).</summary>
    public OwoxParquetCompression Compression { get; set; } = OwoxParquetCompression.Snappy;

    /// <summary>
    /// The precision of a decimal column whose schema gives no precision, or one above
    /// <see cref="MaxDecimalPrecision"/> (BigQuery <c>BIGNUMERIC</c> is 76): default 38. From 1 to 38.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 1–38.</exception>
    public int DefaultDecimalPrecision
    {
        get => _defaultDecimalPrecision;
        set => _defaultDecimalPrecision = value is >= 1 and <= MaxDecimalPrecision
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "DefaultDecimalPrecision must be from 1 to 38.");
    }

    /// <summary>
    /// The scale of a decimal column whose schema gives no scale (Snowflake <c>NUMBER</c>, Athena or Redshift
    /// <c>DECIMAL</c> without parameters) or whose precision is replaced by <see cref="DefaultDecimalPrecision"/>:
    /// default 9, as BigQuery <c>NUMERIC</c>. From 0 to 28, and at most the precision it is used with.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0–28.</exception>
    public int DefaultDecimalScale
    {
        get => _defaultDecimalScale;
        set => _defaultDecimalScale = value is >= 0 and <= MaxDecimalScale
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "DefaultDecimalScale must be from 0 to 28.");
    }

    /// <summary>
    /// Columns to write as text (<c>STRING</c>) whatever their type, by name (case-insensitive): the way out for a
    /// decimal that no Parquet decimal holds. Their values are read with <c>GetString</c>, which
    /// <c>OwoxDataReader</c> answers for every column with the value as the warehouse sent it; other readers may answer
    /// it for text columns only.
    /// </summary>
    public ISet<string> TextColumns { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Whether a column whose schema says <c>AllowDBNull = false</c> (BigQuery <c>REQUIRED</c>) is written
    /// <c>REQUIRED</c> (the default); false writes every column <c>OPTIONAL</c>. A NULL in a column written
    /// <c>REQUIRED</c> stops the export with an <see cref="OwoxParquetException"/>.
    /// </summary>
    public bool WriteRequiredColumns { get; set; } = true;

    /// <summary>The most rows to write; null (the default) writes every row of the reader. The reader stays open, on the last row written.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long? MaxRows
    {
        get => _maxRows;
        set => _maxRows = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxRows must be 0 or more.");
    }

    /// <summary>
    /// Called after each row group is written, on the writing thread, with the number of rows written so far; null
    /// (the default) for none.
    /// </summary>
    public Action<long>? Progress { get; set; }
}
