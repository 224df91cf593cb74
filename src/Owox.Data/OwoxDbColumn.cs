using System.Data.Common;
using Owox.Data.Schema;
using Owox.Data.Types;

namespace Owox.Data;

/// <summary>
/// The description of one result column (<see cref="OwoxDataReader.GetColumnSchema"/>): name, ordinal, CLR type,
/// storage type name, the data mart it comes from, the data-mart column's description, and what the warehouse's
/// schema fixes: <see cref="DbColumn.ColumnSize"/> (bytes) for fixed-size types, <see cref="DbColumn.NumericPrecision"/>
/// and <see cref="DbColumn.NumericScale"/> where the storage type determines them (BigQuery <c>NUMERIC</c> 38/9,
/// <c>BIGNUMERIC</c> 76/38, <c>INTEGER</c> 19/0, …), <see cref="DbColumn.AllowDBNull"/> false for a field the schema
/// declares <c>REQUIRED</c>, and <see cref="DbColumn.IsKey"/> for the columns of the mart's declared primary key when
/// the result keeps all of them. Warehouses do not enforce those keys, so the schema table reports them only to a
/// reader executed with <see cref="System.Data.CommandBehavior.KeyInfo"/>. No column is unique, an identity or read-only.
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
        AllowDBNull = column.AllowDBNull;
        IsAliased = column.IsAliased;
        IsExpression = column.SourceColumn is null || column.IsAliased && !string.Equals(column.Key, column.SourceColumn, System.StringComparison.Ordinal);
        IsKey = column.IsKey;
        IsUnique = false;
        IsAutoIncrement = false;
        IsIdentity = false;
        IsReadOnly = false;
        IsHidden = false;
        IsLong = false;
        ColumnSize = column.Facts.ColumnSize ?? -1;
        NumericPrecision = column.Facts.Precision;
        NumericScale = column.Facts.Scale;
        Description = column.Description;
        JsonKey = column.Key;
        DateTimeKind = column.Kind switch
        {
            OwoxValueKind.TimestampUtc => System.DateTimeKind.Utc,
            OwoxValueKind.Date or OwoxValueKind.DateTime => System.DateTimeKind.Unspecified,
            _ => null,
        };
        IsDate = column.Kind == OwoxValueKind.Date;
        IsJson = column.Kind == OwoxValueKind.Json;
    }

    /// <summary>The data-mart column's description from the schema, when it has one.</summary>
    public string? Description { get; }

    /// <summary>
    /// For <see cref="System.DateTime"/> columns, the Kind every value has: Utc for timestamps that denote an instant,
    /// Unspecified for dates and wall-clock timestamps (the same storage name means either, depending on the warehouse).
    /// Null for other columns. Loaders use it to choose, e.g., <c>timestamptz</c> or <c>timestamp</c>.
    /// </summary>
    public System.DateTimeKind? DateTimeKind { get; }

    /// <summary>
    /// Whether the column holds calendar dates (storage type <c>DATE</c>): its <see cref="System.DateTime"/> values are
    /// midnight, Kind=Unspecified, and mean a day rather than a moment. Writers use it to store a date, not a timestamp.
    /// </summary>
    public bool IsDate { get; }

    /// <summary>
    /// Whether the column's <see cref="string"/> values are JSON text: records, arrays, JSON, VARIANT, SUPER, MAP and the
    /// like, as the warehouse's storage type says. Writers use it to keep the value as JSON rather than as plain text.
    /// </summary>
    public bool IsJson { get; }

    /// <summary>The key this column has in the server's NDJSON rows (e.g. <c>"revenue | SUM"</c> for an aggregate).</summary>
    public string JsonKey { get; }
}
