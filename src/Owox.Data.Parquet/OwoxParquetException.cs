using System;

namespace Owox.Data.Parquet;

/// <summary>
/// The error <see cref="OwoxParquetWriter"/> throws when the reader's columns or values cannot be written as Parquet
/// without changing them: a column type with no Parquet mapping, a decimal that does not fit its column's precision and
/// scale, a NULL in a column written REQUIRED, a time of day outside 00:00–24:00. The message names the column, the
/// row and the value, and says what to change. Errors of the reader itself (an <c>OwoxException</c>, a cancellation)
/// pass through unchanged.
/// </summary>
public sealed class OwoxParquetException : Exception
{
    /// <summary>Creates an exception with no message; prefer the other constructors.</summary>
    public OwoxParquetException()
    {
    }

    /// <summary>Creates an exception with a message only (no column or row).</summary>
    public OwoxParquetException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public OwoxParquetException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal OwoxParquetException(string message, string columnName, long? rowNumber, Exception? innerException = null)
        : base(message, innerException)
    {
        ColumnName = columnName;
        RowNumber = rowNumber;
    }

    /// <summary>The name of the column the error is about, when it is about one.</summary>
    public string? ColumnName { get; }

    /// <summary>
    /// The number of the row the error is about, counting from 1 the rows the export read; null for an error found
    /// before the first row (a column type that has no mapping).
    /// </summary>
    public long? RowNumber { get; }
}
