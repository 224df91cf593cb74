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
/// marts), <c>Columns</c> (their streamable columns) and <c>Views</c> (saved reports, run as <c>report:&lt;id&gt;</c>).
/// Tables and Columns take the restrictions [catalog, schema, table(, column)], Views [catalog, schema, report id,
/// data-mart id]; catalog and schema are always null in OWOX.
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
        ("Views", 4),
    ];

    private static readonly string[] ReservedWords =
    [
        "ALL", "AND", "AS", "ASC", "BETWEEN", "BY", "COUNT", "DATE_TRUNC", "DESC", "DISTINCT", "FALSE", "FROM", "GROUP", "HAVING",
        "IN", "IS", "LIKE", "LIMIT", "NOT", "NULL", "OFFSET", "OR", "ORDER", "SELECT", "TOP", "TRUE", "WHERE",
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
            case "Views": return await ViewsAsync(connection, restrictions, async, cancellationToken).ConfigureAwait(false);
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
            table.Rows.Add(name, restrictions, name == "Columns" ? 2 : name is "Tables" or "Views" ? 1 : 0);
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
        table.Rows.Add("Views", "Catalog", null, 1);
        table.Rows.Add("Views", "Schema", null, 2);
        table.Rows.Add("Views", "Table", null, 3);
        table.Rows.Add("Views", "DataMart", null, 4);
        return table;
    }

    /// <summary>
    /// One row per warehouse and storage type name (the same name means different things on different warehouses, so
    /// <c>STORAGE_TYPE</c> tells them apart), with every standard <see cref="DbMetaDataColumnNames"/> column.
    /// </summary>
    private static DataTable DataTypesTable()
    {
        var table = NewTable(
            "DataTypes",
            DbMetaDataColumnNames.TypeName, DbMetaDataColumnNames.ProviderDbType, DbMetaDataColumnNames.ColumnSize, DbMetaDataColumnNames.CreateFormat,
            DbMetaDataColumnNames.CreateParameters, DbMetaDataColumnNames.DataType, DbMetaDataColumnNames.IsAutoIncrementable, DbMetaDataColumnNames.IsBestMatch,
            DbMetaDataColumnNames.IsCaseSensitive, DbMetaDataColumnNames.IsFixedLength, DbMetaDataColumnNames.IsFixedPrecisionScale, DbMetaDataColumnNames.IsLong,
            DbMetaDataColumnNames.IsNullable, DbMetaDataColumnNames.IsSearchable, DbMetaDataColumnNames.IsSearchableWithLike, DbMetaDataColumnNames.IsUnsigned,
            DbMetaDataColumnNames.MaximumScale, DbMetaDataColumnNames.MinimumScale, DbMetaDataColumnNames.IsConcurrencyType, DbMetaDataColumnNames.IsLiteralSupported,
            DbMetaDataColumnNames.LiteralPrefix, DbMetaDataColumnNames.LiteralSuffix, "STORAGE_TYPE");
        table.Columns[DbMetaDataColumnNames.ProviderDbType]!.DataType = typeof(int);
        table.Columns[DbMetaDataColumnNames.ColumnSize]!.DataType = typeof(long);
        foreach (var flag in new[]
        {
            DbMetaDataColumnNames.IsAutoIncrementable, DbMetaDataColumnNames.IsBestMatch, DbMetaDataColumnNames.IsCaseSensitive, DbMetaDataColumnNames.IsFixedLength,
            DbMetaDataColumnNames.IsFixedPrecisionScale, DbMetaDataColumnNames.IsLong, DbMetaDataColumnNames.IsNullable, DbMetaDataColumnNames.IsSearchable,
            DbMetaDataColumnNames.IsSearchableWithLike, DbMetaDataColumnNames.IsUnsigned, DbMetaDataColumnNames.IsConcurrencyType, DbMetaDataColumnNames.IsLiteralSupported,
        })
        {
            table.Columns[flag]!.DataType = typeof(bool);
        }
        table.Columns[DbMetaDataColumnNames.MaximumScale]!.DataType = typeof(short);
        table.Columns[DbMetaDataColumnNames.MinimumScale]!.DataType = typeof(short);

        foreach (var (storageType, typeNames) in DataTypeCatalog.Warehouses)
        {
            var best = new HashSet<Type>();
            foreach (var typeName in typeNames)
            {
                var kind = StorageTypeMap.Resolve(storageType, typeName);
                var clr = StorageTypeMap.ClrType(kind);
                var facts = StorageTypeFacts.Of(storageType, typeName);
                var isString = kind == OwoxValueKind.String;
                var isNumber = kind is OwoxValueKind.Int64 or OwoxValueKind.Decimal or OwoxValueKind.Double;
                var parameters = kind == OwoxValueKind.Decimal && typeName is "DECIMAL" or "NUMERIC" && storageType != "GOOGLE_BIGQUERY" && storageType != "SNOWFLAKE" ? "precision,scale"
                    : typeName is "VARCHAR" or "CHAR" ? "max length"
                    : null;
                var fixedScale = facts.Scale is short scale && kind == OwoxValueKind.Decimal ? scale : (short?)null;
                table.Rows.Add(
                    typeName, (int)kind, (object?)facts.Precision ?? facts.ColumnSize, parameters is null ? typeName : parameters == "precision,scale" ? typeName + "({0}, {1})" : typeName + "({0})",
                    parameters, clr.FullName, false, best.Add(clr),
                    isString, facts.ColumnSize is not null, fixedScale is not null, false,
                    true, kind is not (OwoxValueKind.Json or OwoxValueKind.Bytes), isString, isNumber ? false : null,
                    fixedScale, fixedScale, false, isString || isNumber || kind == OwoxValueKind.Boolean,
                    isString ? "'" : null, isString ? "'" : null, storageType);
            }
        }
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

    /// <summary>Saved reports: TABLE_NAME is the report id (the command text is <c>report:&lt;id&gt;</c>); one listing per data mart.</summary>
    private static async ValueTask<DataTable> ViewsAsync(OwoxConnection connection, string?[] restrictions, bool async, CancellationToken cancellationToken)
    {
        var table = NewTable("Views", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "TITLE", "DATA_MART_ID", "DATA_MART_TITLE", "COMMAND_TEXT");
        if (!CatalogAndSchemaMatch(restrictions))
            return table;
        var wantedReport = At(restrictions, 2);
        var wantedMart = At(restrictions, 3);
        var dataSource = connection.OpenDataSource;
        foreach (var martId in await MartIdsAsync(dataSource, wantedMart, async, cancellationToken).ConfigureAwait(false))
        {
            IReadOnlyList<ReportSummary> reports;
            try
            {
                reports = await dataSource.ListReportsAsync(martId, async, cancellationToken).ConfigureAwait(false);
            }
            catch (OwoxException e) when (e.StatusCode is 403 or 404)
            {
                // A mart the key may list but not read the reports of, or a restriction naming no mart: no rows, as in Columns.
                continue;
            }
            foreach (var report in reports)
            {
                if (wantedReport is null || wantedReport == report.Id)
                    table.Rows.Add(null, null, report.Id, report.Title, report.DataMartId, report.DataMartTitle, "report:" + report.Id);
            }
        }
        return table;
    }

    private static async ValueTask<DataTable> ColumnsAsync(OwoxConnection connection, string?[] restrictions, bool async, CancellationToken cancellationToken)
    {
        var table = NewTable(
            "Columns", "TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME", "ORDINAL_POSITION", "DATA_TYPE", "IS_NULLABLE", "CLR_TYPE", "ALIAS",
            "DESCRIPTION", "IS_PRIMARY_KEY", "NUMERIC_PRECISION", "NUMERIC_SCALE", "CHARACTER_MAXIMUM_LENGTH", "COLUMN_SIZE");
        table.Columns["ORDINAL_POSITION"]!.DataType = typeof(int);
        table.Columns["IS_PRIMARY_KEY"]!.DataType = typeof(bool);
        table.Columns["NUMERIC_PRECISION"]!.DataType = typeof(short);
        table.Columns["NUMERIC_SCALE"]!.DataType = typeof(short);
        table.Columns["CHARACTER_MAXIMUM_LENGTH"]!.DataType = typeof(int);
        table.Columns["COLUMN_SIZE"]!.DataType = typeof(int);
        if (!CatalogAndSchemaMatch(restrictions))
            return table;
        var wantedTable = At(restrictions, 2);
        var wantedColumn = At(restrictions, 3);
        var dataSource = connection.OpenDataSource;
        foreach (var id in await MartIdsAsync(dataSource, wantedTable, async, cancellationToken).ConfigureAwait(false))
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
                var facts = StorageTypeFacts.Of(schema.StorageType, field.TypeName);
                table.Rows.Add(
                    null, null, id, field.Name, position, field.TypeName, field.IsRequired ? "NO" : "YES", StorageTypeMap.ClrType(kind).FullName, field.Alias,
                    field.Description, field.IsPrimaryKey, facts.Precision, facts.Scale, facts.MaxLength, facts.ColumnSize);
            }
        }
        return table;
    }

    /// <summary>The data marts a restriction names: the one given, else every data mart the key may see.</summary>
    private static async ValueTask<IReadOnlyList<string>> MartIdsAsync(OwoxDataSource dataSource, string? wanted, bool async, CancellationToken cancellationToken)
    {
        if (wanted is not null)
            return [wanted];
        var ids = new List<string>();
        foreach (var mart in await dataSource.ListDataMartsAsync(async, cancellationToken).ConfigureAwait(false))
            ids.Add(mart.Id);
        return ids;
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
