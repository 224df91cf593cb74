using System.Data.Common;
using Owox.Data.Schema;
using Owox.Data.Types;

namespace Owox.Data;

/// <summary>
/// The description of one result column (<see cref="OwoxDataReader.GetColumnSchema"/>): name, ordinal, CLR type,
/// storage type name, the data mart it comes from, and the data-mart column's description. Every column
/// allows NULL and none is a key, unique, an identity or read-only: OWOX declares no such constraints.
/// </summary>
public sealed class OwoxDbColumn : DbColumn
{
    internal OwoxDbColumn(ResultColumn column, int ordinal, string dataMartId)
    {
        ColumnName = column.Name;
        ColumnOrdinal = ordinal;
        DataType = column.FieldType;
        DataTypeName = column.TypeName;
        BaseColumnName = column.SourceColumn ?? column.Name;
        BaseTableName = dataMartId;
        AllowDBNull = true;
        IsAliased = column.IsAliased;
        IsExpression = column.SourceColumn is null || column.IsAliased && !string.Equals(column.Key, column.SourceColumn, System.StringComparison.Ordinal);
        IsKey = false;
        IsUnique = false;
        IsAutoIncrement = false;
        IsIdentity = false;
        IsReadOnly = false;
        IsHidden = false;
        IsLong = false;
        ColumnSize = -1;
        Description = column.Description;
        JsonKey = column.Key;
        DateTimeKind = column.Kind switch
        {
            OwoxValueKind.TimestampUtc => System.DateTimeKind.Utc,
            OwoxValueKind.Date or OwoxValueKind.DateTime => System.DateTimeKind.Unspecified,
            _ => null,
        };
    }

    /// <summary>The data-mart column's description from the schema, when it has one.</summary>
    public string? Description { get; }

    /// <summary>
    /// For <see cref="System.DateTime"/> columns, the Kind every value has: Utc for timestamps that denote an instant,
    /// Unspecified for dates and wall-clock timestamps (the same storage name means either, depending on the warehouse).
    /// Null for other columns. Loaders use it to choose, e.g., <c>timestamptz</c> or <c>timestamp</c>.
    /// </summary>
    public System.DateTimeKind? DateTimeKind { get; }

    /// <summary>The key this column has in the server's NDJSON rows (e.g. <c>"revenue | SUM"</c> for an aggregate).</summary>
    public string JsonKey { get; }
}
