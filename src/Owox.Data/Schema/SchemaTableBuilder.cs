using System;
using System.Collections.ObjectModel;
using System.Data;
using System.Data.Common;

namespace Owox.Data.Schema;

/// <summary>
/// Builds <c>GetSchemaTable()</c> in SqlClient's column order from the reader's <see cref="DbColumn"/>s. <c>IsKey</c>
/// is filled only when the command asked for <c>CommandBehavior.KeyInfo</c>: DataTable.Load
/// and DbDataAdapter turn key columns into a primary key (merging rows that repeat it) or a unique constraint, and no
/// warehouse enforces the keys its schema declares (docs/architecture.md, "The schema table constrains only what the
/// warehouse enforces").
/// </summary>
internal static class SchemaTableBuilder
{
#if NET5_0_OR_GREATER
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2111", Justification = "The DataType columns hold Type values; nothing reflects over System.Type's members.")]
#endif
    public static DataTable Build(ReadOnlyCollection<DbColumn> columns, bool keyInfo)
    {
        var table = new DataTable("SchemaTable") { Locale = System.Globalization.CultureInfo.InvariantCulture };
        var name = table.Columns.Add(SchemaTableColumn.ColumnName, typeof(string));
        var ordinal = table.Columns.Add(SchemaTableColumn.ColumnOrdinal, typeof(int));
        var size = table.Columns.Add(SchemaTableColumn.ColumnSize, typeof(int));
        var precision = table.Columns.Add(SchemaTableColumn.NumericPrecision, typeof(short));
        var scale = table.Columns.Add(SchemaTableColumn.NumericScale, typeof(short));
        var unique = table.Columns.Add(SchemaTableColumn.IsUnique, typeof(bool));
        var key = table.Columns.Add(SchemaTableColumn.IsKey, typeof(bool));
        var server = table.Columns.Add(SchemaTableOptionalColumn.BaseServerName, typeof(string));
        var catalog = table.Columns.Add(SchemaTableOptionalColumn.BaseCatalogName, typeof(string));
        var baseColumn = table.Columns.Add(SchemaTableColumn.BaseColumnName, typeof(string));
        var baseSchema = table.Columns.Add(SchemaTableColumn.BaseSchemaName, typeof(string));
        var baseTable = table.Columns.Add(SchemaTableColumn.BaseTableName, typeof(string));
        var dataType = table.Columns.Add(SchemaTableColumn.DataType, typeof(Type));
        var allowNull = table.Columns.Add(SchemaTableColumn.AllowDBNull, typeof(bool));
        var providerType = table.Columns.Add(SchemaTableColumn.ProviderType, typeof(int));
        var aliased = table.Columns.Add(SchemaTableColumn.IsAliased, typeof(bool));
        var expression = table.Columns.Add(SchemaTableColumn.IsExpression, typeof(bool));
        var identity = table.Columns.Add("IsIdentity", typeof(bool));
        var autoIncrement = table.Columns.Add(SchemaTableOptionalColumn.IsAutoIncrement, typeof(bool));
        var rowVersion = table.Columns.Add(SchemaTableOptionalColumn.IsRowVersion, typeof(bool));
        var hidden = table.Columns.Add(SchemaTableOptionalColumn.IsHidden, typeof(bool));
        var isLong = table.Columns.Add(SchemaTableColumn.IsLong, typeof(bool));
        var readOnly = table.Columns.Add(SchemaTableOptionalColumn.IsReadOnly, typeof(bool));
        var providerSpecific = table.Columns.Add(SchemaTableOptionalColumn.ProviderSpecificDataType, typeof(Type));
        var typeName = table.Columns.Add("DataTypeName", typeof(string));

        foreach (var column in columns)
        {
            var row = table.NewRow();
            row[name] = column.ColumnName;
            row[ordinal] = column.ColumnOrdinal ?? 0;
            row[size] = column.ColumnSize ?? -1;
            row[precision] = column.NumericPrecision is int p ? (short)p : DBNull.Value;
            row[scale] = column.NumericScale is int s ? (short)s : DBNull.Value;
            row[unique] = false;
            row[key] = keyInfo && column.IsKey == true;
            row[server] = DBNull.Value;
            row[catalog] = DBNull.Value;
            row[baseColumn] = (object?)column.BaseColumnName ?? DBNull.Value;
            row[baseSchema] = DBNull.Value;
            row[baseTable] = (object?)column.BaseTableName ?? DBNull.Value;
            row[dataType] = column.DataType;
            row[allowNull] = column.AllowDBNull ?? true;
            row[providerType] = (int)DbTypeOf(column.DataType);
            row[aliased] = column.IsAliased ?? false;
            row[expression] = column.IsExpression ?? false;
            row[identity] = false;
            row[autoIncrement] = false;
            row[rowVersion] = false;
            row[hidden] = false;
            row[isLong] = false;
            row[readOnly] = false;
            row[providerSpecific] = column.DataType;
            row[typeName] = column.DataTypeName;
            table.Rows.Add(row);
        }
        table.AcceptChanges();
        return table;
    }


    private static DbType DbTypeOf(Type? type) =>
        type == typeof(long) ? DbType.Int64
        : type == typeof(decimal) ? DbType.Decimal
        : type == typeof(double) ? DbType.Double
        : type == typeof(bool) ? DbType.Boolean
        : type == typeof(DateTime) ? DbType.DateTime
        : type == typeof(TimeSpan) ? DbType.Time
        : type == typeof(byte[]) ? DbType.Binary
        : DbType.String;
}
