using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Data.Common;
using Owox.Data.Parquet.Writing;

namespace Owox.Data.Parquet.Mapping;

/// <summary>
/// Decides what every column of a reader becomes in the file, from its column schema (<c>GetColumnSchema()</c>, which
/// an <c>OwoxDataReader</c> answers with <see cref="OwoxDbColumn"/>s) or, for a reader that has none, from
/// <c>GetName</c> and <c>GetFieldType</c>. Refuses what has no mapping before anything is written.
/// </summary>
internal static class ColumnPlanner
{
    public static ParquetColumn[] Plan(DbDataReader reader, OwoxParquetWriterOptions options)
    {
        var count = reader.FieldCount;
        if (count == 0)
            throw new OwoxParquetException("The reader has no columns: a Parquet file needs at least one.");
        var schema = ColumnSchema(reader);
        var columns = new ParquetColumn[count];
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            var described = schema?[ordinal];
            var name = described?.ColumnName is { Length: > 0 } columnName ? columnName : reader.GetName(ordinal);
            if (!names.Add(name))
                throw ExportErrors.DuplicateName(name);
            var type = described?.DataType ?? reader.GetFieldType(ordinal);
            var kind = options.TextColumns.Contains(name) ? ParquetValueKind.String : KindOf(name, type, described);
            var required = options.WriteRequiredColumns && described?.AllowDBNull == false;
            var shape = kind == ParquetValueKind.Decimal ? DecimalShape.Of(described?.NumericPrecision, described?.NumericScale, options) : (DecimalShape?)null;
            columns[ordinal] = new ParquetColumn(name, ordinal, kind, type, required, shape);
        }
        return columns;
    }

    /// <summary>The reader's column schema by ordinal, or null when it has none (or one that does not match its columns).</summary>
    private static DbColumn?[]? ColumnSchema(DbDataReader reader)
    {
        ReadOnlyCollection<DbColumn> schema;
        try
        {
            schema = reader.GetColumnSchema();
        }
        catch (NotSupportedException)
        {
            return null;
        }
        if (schema.Count != reader.FieldCount)
            return null;
        var byOrdinal = new DbColumn?[schema.Count];
        for (var i = 0; i < schema.Count; i++)
        {
            var ordinal = schema[i].ColumnOrdinal ?? i;
            if (ordinal < 0 || ordinal >= byOrdinal.Length || byOrdinal[ordinal] is not null)
                return null;
            byOrdinal[ordinal] = schema[i];
        }
        return byOrdinal;
    }

    private static ParquetValueKind KindOf(string name, Type type, DbColumn? described)
    {
        var owox = described as OwoxDbColumn;
        if (type == typeof(long))
            return ParquetValueKind.Int64;
        if (type == typeof(double))
            return ParquetValueKind.Double;
        if (type == typeof(decimal))
            return ParquetValueKind.Decimal;
        if (type == typeof(string))
            return owox?.IsJson == true ? ParquetValueKind.Json : ParquetValueKind.String;
        if (type == typeof(bool))
            return ParquetValueKind.Boolean;
        if (type == typeof(DateTime))
        {
            if (owox?.IsDate == true || owox is null && string.Equals(described?.DataTypeName, "date", StringComparison.OrdinalIgnoreCase))
                return ParquetValueKind.Date;
            return owox?.DateTimeKind == DateTimeKind.Utc ? ParquetValueKind.TimestampUtc : ParquetValueKind.TimestampWallClock;
        }
        if (type == typeof(TimeSpan) || type == typeof(TimeOnly))
            return ParquetValueKind.Time;
        if (type == typeof(byte[]))
            return ParquetValueKind.Binary;
        if (type == typeof(int))
            return ParquetValueKind.Int32;
        if (type == typeof(short))
            return ParquetValueKind.Int16;
        if (type == typeof(byte))
            return ParquetValueKind.UInt8;
        if (type == typeof(float))
            return ParquetValueKind.Float;
        if (type == typeof(DateOnly))
            return ParquetValueKind.Date;
        if (type == typeof(DateTimeOffset))
            return ParquetValueKind.TimestampUtc;
        if (type == typeof(Guid))
            return ParquetValueKind.Uuid;
        throw ExportErrors.UnsupportedType(name, type);
    }
}
