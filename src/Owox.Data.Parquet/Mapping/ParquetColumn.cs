using System;
using Parquet.Schema;

namespace Owox.Data.Parquet.Mapping;

/// <summary>One column of the reader as the file holds it: its name and ordinal, what it becomes, and the Parquet field.</summary>
internal sealed class ParquetColumn
{
    public ParquetColumn(string name, int ordinal, ParquetValueKind kind, Type sourceType, bool isRequired, DecimalShape? decimalShape)
    {
        Name = name;
        Ordinal = ordinal;
        Kind = kind;
        SourceType = sourceType;
        IsRequired = isRequired;
        Decimal = decimalShape;
        Field = CreateField(name, kind, !isRequired, decimalShape);
    }

    /// <summary>The column name, in the reader and in the file.</summary>
    public string Name { get; }

    /// <summary>The column's ordinal in the reader.</summary>
    public int Ordinal { get; }

    /// <summary>What the column becomes in the file.</summary>
    public ParquetValueKind Kind { get; }

    /// <summary>The CLR type the reader gives the column (which getter reads it).</summary>
    public Type SourceType { get; }

    /// <summary>Whether the column is written <c>REQUIRED</c> (no definition levels; a NULL is an error).</summary>
    public bool IsRequired { get; }

    /// <summary>The precision and scale of a <see cref="ParquetValueKind.Decimal"/> column; null for the others.</summary>
    public DecimalShape? Decimal { get; }

    /// <summary>The Parquet.Net field the column's values are written to.</summary>
    public DataField Field { get; }

    private static DataField CreateField(string name, ParquetValueKind kind, bool nullable, DecimalShape? decimalShape) => kind switch
    {
        ParquetValueKind.Boolean => new DataField<bool>(name, nullable),
        ParquetValueKind.UInt8 => new DataField<byte>(name, nullable),
        ParquetValueKind.Int16 => new DataField<short>(name, nullable),
        ParquetValueKind.Int32 => new DataField<int>(name, nullable),
        ParquetValueKind.Int64 => new DataField<long>(name, nullable),
        ParquetValueKind.Float => new DataField<float>(name, nullable),
        ParquetValueKind.Double => new DataField<double>(name, nullable),
        ParquetValueKind.Decimal => new DecimalDataField(name, decimalShape!.Value.Precision, decimalShape.Value.Scale, forceByteArrayEncoding: false, isNullable: nullable),
        ParquetValueKind.String or ParquetValueKind.Json => new DataField<string>(name, nullable),
        ParquetValueKind.Binary => new DataField<byte[]>(name, nullable),
        ParquetValueKind.Date => new DataField<DateOnly>(name, nullable),
        ParquetValueKind.Time => new TimeDataField(name, TimeUnitPrecision.Micros, isNullable: nullable) { IsAdjustedToUtc = false },
        // Microseconds as INT64, annotated TIMESTAMP in the footer (Footer/SchemaAnnotation says why).
        ParquetValueKind.TimestampUtc or ParquetValueKind.TimestampWallClock => new DataField<long>(name, nullable),
        ParquetValueKind.Uuid => new DataField<Guid>(name, nullable),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown column kind."),
    };
}
