using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Owox.Data.Types;

namespace Owox.Data.Schema;

/// <summary>
/// <c>OwoxConnection.GetSchema</c>: the collections reporting tools browse with — <c>MetaDataCollections</c>,
/// <c>DataSourceInformation</c>, <c>Restrictions</c>, <c>DataTypes</c>, <c>ReservedWords</c>, <c>Tables</c> (data
/// marts) and <c>Columns</c> (their streamable columns). Tables and Columns take the restrictions
/// [catalog, schema, table(, column)]; catalog and schema are always null in OWOX.
/// </summary>
internal static class SchemaCollections
{
    private static readonly (string Name, int Restrictions)[] Collections =
    [
        (DbMetaDataCollectionNames.MetaDataCollections, 0),
        (DbMetaDataCollectionNames.DataSourceInformation, 0),
        (DbMetaDataCollectionNames.Restrictions, 0),
        (DbMetaDataCollectionNames.DataTypes, 0),
        (DbMetaDataCollectionNames.ReservedWords, 0),
        ("Tables", 3),
        ("Columns", 4),
    ];

    private static readonly string[] ReservedWords =
    [
        "ALL", "AND", "AS", "ASC", "BETWEEN", "BY", "COUNT", "DATE_TRUNC", "DESC", "DISTINCT", "FALSE", "FROM", "GROUP", "HAVING",
        "IN", "IS", "LIKE", "LIMIT", "NOT", "NULL", "OFFSET", "OR", "ORDER", "SELECT", "TOP", "TRUE", "WHERE",
    ];

    private static readonly (string TypeName, OwoxValueKind Kind)[] DataTypes =
    [
        ("STRING", OwoxValueKind.String), ("INTEGER", OwoxValueKind.Int64), ("NUMERIC", OwoxValueKind.Decimal),
        ("BIGNUMERIC", OwoxValueKind.Decimal), ("FLOAT", OwoxValueKind.Double), ("BOOLEAN", OwoxValueKind.Boolean),
        ("DATE", OwoxValueKind.Date), ("DATETIME", OwoxValueKind.DateTime), ("TIMESTAMP", OwoxValueKind.TimestampUtc),
        ("TIME", OwoxValueKind.Time), ("BYTES", OwoxValueKind.Bytes), ("JSON", OwoxValueKind.Json), ("RECORD", OwoxValueKind.Json),
        ("ARRAY", OwoxValueKind.Json), ("GEOGRAPHY", OwoxValueKind.String), ("INTERVAL", OwoxValueKind.String),
    ];

    public static async ValueTask<DataTable> GetAsync(OwoxConnection connection, string collectionName, string?[]? restrictions, bool async, CancellationToken cancellationToken)
    {
        var name = Resolve(collectionName);
        restrictions ??= [];
        var allowed = Array.Find(Collections, c => c.Name == name).Restrictions;
        if (restrictions.Length > allowed)
            throw new ArgumentException($"The '{name}' collection takes at most {allowed} restrictions, but {restrictions.Length} were given.", nameof(restrictions));

        switch (name)
        {
            case "MetaDataCollections": return MetaDataCollections();
            case "DataSourceInformation": return DataSourceInformation(connection);
            case "Restrictions": return RestrictionsTable();
            case "DataTypes": return DataTypesTable();
            case "ReservedWords": return ReservedWordsTable();
            case "Tables": return await TablesAsync(connection, restrictions, async, cancellationToken).ConfigureAwait(false);
            default: return await ColumnsAsync(connection, restrictions, async, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Resolve(string collectionName)
    {
        foreach (var (name, _) in Collections)
        {
            if (string.Equals(name, collectionName, StringComparison.OrdinalIgnoreCase))
                return name;
        }
        throw new ArgumentException(
            $"The schema collection '{collectionName}' does not exist in Owox.Data. Available: {string.Join(", ", Array.ConvertAll(Collections, c => c.Name))}.",
            nameof(collectionName));
    }

    private static DataTable MetaDataCollections()
    {
        var table = NewTable("MetaDataCollections", DbMetaDataColumnNames.CollectionName, DbMetaDataColumnNames.NumberOfRestrictions, DbMetaDataColumnNames.NumberOfIdentifierParts);
        table.Columns[DbMetaDataColumnNames.NumberOfRestrictions]!.DataType = typeof(int);
        table.Columns[DbMetaDataColumnNames.NumberOfIdentifierParts]!.DataType = typeof(int);
        foreach (var (name, restrictions) in Collections)
            table.Rows.Add(name, restrictions, name == "Columns" ? 2 : name == "Tables" ? 1 : 0);
        return table;
    }

    private static DataTable DataSourceInformation(OwoxConnection connection)
    {
        var table = NewTable(
            "DataSourceInformation",
            DbMetaDataColumnNames.CompositeIdentifierSeparatorPattern, DbMetaDataColumnNames.DataSourceProductName, DbMetaDataColumnNames.DataSourceProductVersion,
            DbMetaDataColumnNames.DataSourceProductVersionNormalized, DbMetaDataColumnNames.GroupByBehavior, DbMetaDataColumnNames.IdentifierPattern,
            DbMetaDataColumnNames.IdentifierCase, DbMetaDataColumnNames.OrderByColumnsInSelect, DbMetaDataColumnNames.ParameterMarkerFormat,
            DbMetaDataColumnNames.ParameterMarkerPattern, DbMetaDataColumnNames.ParameterNameMaxLength, DbMetaDataColumnNames.ParameterNamePattern,
            DbMetaDataColumnNames.QuotedIdentifierPattern, DbMetaDataColumnNames.QuotedIdentifierCase, DbMetaDataColumnNames.StatementSeparatorPattern,
            DbMetaDataColumnNames.StringLiteralPattern, DbMetaDataColumnNames.SupportedJoinOperators);
        table.Columns[DbMetaDataColumnNames.GroupByBehavior]!.DataType = typeof(GroupByBehavior);
        table.Columns[DbMetaDataColumnNames.IdentifierCase]!.DataType = typeof(IdentifierCase);
        table.Columns[DbMetaDataColumnNames.QuotedIdentifierCase]!.DataType = typeof(IdentifierCase);
        table.Columns[DbMetaDataColumnNames.OrderByColumnsInSelect]!.DataType = typeof(bool);
        table.Columns[DbMetaDataColumnNames.ParameterNameMaxLength]!.DataType = typeof(int);
        table.Columns[DbMetaDataColumnNames.SupportedJoinOperators]!.DataType = typeof(SupportedJoinOperators);
        var version = connection.State == ConnectionState.Open ? connection.ServerVersion : "1.0";
        table.Rows.Add(
            @"\.", "OWOX Data Marts", version, "01.00.0000", GroupByBehavior.ExactMatch, @"^[\p{L}_][\p{L}\p{N}_]*$",
            IdentifierCase.Sensitive, true, "@{0}", @"@[\p{L}_][\p{L}\p{N}_]*", 128, @"^[\p{L}_][\p{L}\p{N}_]*$",
            "\"(([^\"]|\"\")*)\"", IdentifierCase.Sensitive, ";", "'(([^']|'')*)'", SupportedJoinOperators.None);
        return table;
    }

    private static DataTable RestrictionsTable()
    {
        var table = NewTable("Restrictions", "CollectionName", "RestrictionName", "RestrictionDefault", "RestrictionNumber");
        table.Columns["RestrictionNumber"]!.DataType = typeof(int);
        table.Rows.Add("Tables", "Catalog", null, 1);
        table.Rows.Add("Tables", "Schema", null, 2);
        table.Rows.Add("Tables", "Table", null, 3);
        table.Rows.Add("Columns", "Catalog", null, 1);
        table.Rows.Add("Columns", "Schema", null, 2);
        table.Rows.Add("Columns", "Table", null, 3);
        table.Rows.Add("Columns", "Column", null, 4);
        return table;
    }

    private static DataTable DataTypesTable()
    {
        var table = NewTable("DataTypes", DbMetaDataColumnNames.TypeName, DbMetaDataColumnNames.ProviderDbType, DbMetaDataColumnNames.DataType, DbMetaDataColumnNames.IsNullable, DbMetaDataColumnNames.IsSearchable);
        table.Columns[DbMetaDataColumnNames.ProviderDbType]!.DataType = typeof(int);
        table.Columns[DbMetaDataColumnNames.IsNullable]!.DataType = typeof(bool);
        table.Columns[DbMetaDataColumnNames.IsSearchable]!.DataType = typeof(bool);
        foreach (var (typeName, kind) in DataTypes)
            table.Rows.Add(typeName, (int)kind, StorageTypeMap.ClrType(kind).FullName, true, kind is not (OwoxValueKind.Json or OwoxValueKind.Bytes));
        return table;
    }

    private static DataTable ReservedWordsTable()
    {
        var table = NewTable("ReservedWords", DbMetaDataColumnNames.ReservedWord);
        foreach (var word in ReservedWords)
            table.Rows.Add(word);
        return table;
    }

    private static async ValueTask<DataTable> TablesAsync(OwoxConnection connection, string?[] restrictions, bool async, CancellationToken cancellationToken)
    {
        var table = NewTable("Tables", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "TABLE_TYPE", "TITLE", "DESCRIPTION", "STATUS", "STORAGE_TYPE");
        if (!CatalogAndSchemaMatch(restrictions))
            return table;
        var wanted = At(restrictions, 2);
        foreach (var mart in await connection.OpenDataSource.ListDataMartsAsync(async, cancellationToken).ConfigureAwait(false))
        {
            if (wanted is null || wanted == mart.Id)
                table.Rows.Add(null, null, mart.Id, "BASE TABLE", mart.Title, mart.Description, mart.Status, mart.StorageType);
        }
        return table;
    }

    private static async ValueTask<DataTable> ColumnsAsync(OwoxConnection connection, string?[] restrictions, bool async, CancellationToken cancellationToken)
    {
        var table = NewTable("Columns", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME", "ORDINAL_POSITION", "DATA_TYPE", "IS_NULLABLE", "CLR_TYPE", "ALIAS", "DESCRIPTION", "IS_PRIMARY_KEY");
        table.Columns["ORDINAL_POSITION"]!.DataType = typeof(int);
        table.Columns["IS_PRIMARY_KEY"]!.DataType = typeof(bool);
        if (!CatalogAndSchemaMatch(restrictions))
            return table;
        var wantedTable = At(restrictions, 2);
        var wantedColumn = At(restrictions, 3);
        var dataSource = connection.OpenDataSource;
        var ids = new List<string>();
        if (wantedTable is not null)
        {
            ids.Add(wantedTable);
        }
        else
        {
            foreach (var mart in await dataSource.ListDataMartsAsync(async, cancellationToken).ConfigureAwait(false))
                ids.Add(mart.Id);
        }

        foreach (var id in ids)
        {
            DataMartSchema? schema;
            try
            {
                schema = await dataSource.GetSchemaAsync(id, async, cancellationToken).ConfigureAwait(false);
            }
            catch (OwoxException e) when (e.StatusCode == 404 && wantedTable is not null)
            {
                // A restriction is a filter: a table name that matches no data mart gives no rows, as in Tables.
                continue;
            }
            if (schema is null)
                continue;
            var position = 0;
            foreach (var field in schema.Columns)
            {
                position++;
                if (wantedColumn is not null && wantedColumn != field.Name)
                    continue;
                var kind = StorageTypeMap.Resolve(schema.StorageType, field.TypeName);
                table.Rows.Add(null, null, id, field.Name, position, field.TypeName, "YES", StorageTypeMap.ClrType(kind).FullName, field.Alias, field.Description, field.IsPrimaryKey);
            }
        }
        return table;
    }

    private static bool CatalogAndSchemaMatch(string?[] restrictions) =>
        string.IsNullOrEmpty(At(restrictions, 0)) && string.IsNullOrEmpty(At(restrictions, 1));

    private static string? At(string?[] restrictions, int index) =>
        index < restrictions.Length && !string.IsNullOrEmpty(restrictions[index]) ? restrictions[index] : null;

    private static DataTable NewTable(string name, params string[] columns)
    {
        var table = new DataTable(name) { Locale = CultureInfo.InvariantCulture };
        foreach (var column in columns)
            table.Columns.Add(column, typeof(string));
        return table;
    }
}
